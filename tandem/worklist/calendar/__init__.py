"""Each worker's private calendar feed of what is due for them: the services that make, renew
and turn it off (services.py), the iCalendar it reads as (ics.py), and the settings page's form
(forms.py). The pages are in tandem/worklist/views/calendar.py."""
