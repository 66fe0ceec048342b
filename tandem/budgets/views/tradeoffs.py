"""Choosing one of a trade-off's options into the plan (P7). The comparison itself is edited on
the generic plan part pages (the trade-off's own page shows its options side by side, see
budgets/tradeoffs/_options.html)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from tandem.accounts import access
from tandem.budgets.forms.tradeoffs import ChooseOptionForm
from tandem.budgets.models import TradeOffOption
from tandem.budgets.services import tradeoffs as services
from tandem.errors import Refused
from tandem.plans.selectors import get_plan_item
from tandem.plans.views.common import plan_for, posted, require_editable


@require_http_methods(["GET", "POST"])
def option_choose(request, plan_pk, tradeoff_pk, option_pk):
    plan = plan_for(request, plan_pk, allowed=access.can_draft_plan)
    require_editable(plan)
    trade_off = get_plan_item(plan, "tradeoff", tradeoff_pk)
    option = get_plan_item(plan, "option", option_pk)
    if option.trade_off_id != trade_off.pk:
        raise Http404
    form = ChooseOptionForm(posted(request), option=option)
    if request.method == "POST" and form.is_valid():
        try:
            action = services.option_choose(
                plan=plan,
                trade_off=trade_off,
                option=option,
                why=form.cleaned_data["why_chosen"],
                funded_by=form.cleaned_data["funded_by"],
                payer=form.cleaned_data.get("payer") or "",
                actor=request.user,
                submission_key=form.cleaned_data["submission_key"],
            )
        except Refused as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _(
                    "“%(option)s” has been chosen and added to the actions. Now say who is "
                    "responsible for it and when"
                )
                % {"option": option.description},
            )
            return redirect("plans:item", pk=plan.pk, kind="action", item_pk=action.pk)
    chosen = (
        TradeOffOption.objects.filter(trade_off=trade_off, uid=trade_off.chosen_uid).first()
        if trade_off.chosen_uid
        else None
    )
    return render(
        request,
        "budgets/tradeoffs/choose.html",
        {
            "plan": plan,
            "person": plan.person,
            "trade_off": trade_off,
            "option": option,
            "chosen": chosen,
            "form": form,
        },
    )


urlpatterns = [
    path(
        "plans/<int:plan_pk>/tradeoffs/<int:tradeoff_pk>/choose/<int:option_pk>/",
        option_choose,
        name="choose",
    ),
]
