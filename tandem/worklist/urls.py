from tandem.worklist.views import calendar, dashboard, worklist

app_name = "worklist"
urlpatterns = [
    *worklist.urlpatterns,
    *dashboard.urlpatterns,
    *calendar.urlpatterns,
]
