from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "tandem.reviews"
    label = "reviews"
    verbose_name = "Reviews"

    def ready(self) -> None:
        # After plans (INSTALLED_APPS order): a review's parts hang off the plan's outcomes.
        from tandem.reviews import due, sections

        sections.register()
        due.register()
