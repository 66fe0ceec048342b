from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "tandem.people"
    label = "people"

    def ready(self) -> None:
        # What comes due for a person: safeguarding concerns waiting (tandem.worklist.due).
        from tandem.people import due

        due.register()
