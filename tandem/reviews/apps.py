from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "tandem.reviews"
    label = "reviews"
    verbose_name = "Reviews"
