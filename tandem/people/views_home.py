"""The person's own home page: what is coming up in their plan, in plain English. A person lands
here from the site's home; a carer sees it for each person they may represent. Staff have their
own landing page, so they are sent there."""

from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_safe

from tandem.people import home_selectors, services
from tandem.people.access import person_get_for_user


def _render(request, person):
    return render(
        request,
        "people/home.html",
        {
            "person": person,
            "plans": home_selectors.home_plans(person),
            "for_self": person.user_id == request.user.pk,
        },
    )


@require_safe
def home(request):
    """/people/me/: the person's own page; a carer who may represent several people chooses."""
    if not home_selectors.has_home(request.user):
        return redirect("home")
    people = list(home_selectors.home_people(request.user)[:2])
    if len(people) != 1:
        everyone = list(home_selectors.home_people(request.user)) if people else []
        if everyone:
            services.home_choice_record_view(actor=request.user, people=everyone)
        return render(request, "people/home_choose.html", {"people": everyone})
    # Theirs to see already (home_people): fetched once more only to be audited.
    person = person_get_for_user(user=request.user, pk=people[0].pk, purpose="home")
    return _render(request, person)


@require_safe
def home_person(request, pk):
    """A carer's view of the home page of one of the people they may represent."""
    if not home_selectors.has_home(request.user):
        return redirect("home")
    person = home_selectors.home_person_get_for_user(
        user=request.user, pk=pk, purpose="home_person"
    )
    return _render(request, person)


urlpatterns = [
    path("me/", home, name="home"),
    path("me/<int:pk>/", home_person, name="home_person"),
]
