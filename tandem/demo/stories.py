"""What each demo person's plan says, keyed by their number in people.py, and the money each has
been given (MONEY: indicative budgets and financial assessments).

Outcomes are in the person's own words (P2); areas of life are ASCOT domains for adults and the
wellbeing indicators for children (P12). Every action and support arrangement paid with money has
its costs (P5), at the council's rates on the day the plan was written; plans over the indicative
budget or using social-work resources have a team manager's decision (P8). All of it is invented.
"""

from tandem.budgets.models import BudgetDecision, FinancialAssessment
from tandem.demo.budgets import Assessment, Money, Outside, Ras
from tandem.demo.people import BRIGHTSIDE
from tandem.demo.plans import (
    Cost,
    Decision,
    Dispute,
    Do,
    Have,
    Option,
    Risk,
    Story,
    Support,
    Want,
    Weigh,
)

# How an action or support arrangement is resourced (P5)
PB, NAT, OWN, COMM = "personal_budget", "natural", "own", "community"
SW, ORG = "social_work", "other_organisation"
# Who pays a cost line (P8)
CM, DP, MINE, FUNDING = "council_managed", "direct_payment", "own_money", "other_funding"
ONCE = {"period": "once", "unit": "one_off"}
# Social-work resources are paid from the council's own budgets, outside the personal budget.
TELECARE = "Social work resources: telecare"
EQUIPMENT = "Social work resources: community equipment"
DONE, NOT_DONE = FinancialAssessment.Status.DONE, FinancialAssessment.Status.NOT_DONE

# A table: kept as written, so each plan reads top to bottom.
# fmt: off
STORIES = {
    1: Story(
        prepared_by="person_with_circle",
        preparation_notes="Den is writing his plan with Carol; his worker helps on Thursdays.",
        important="My allotment and my mates there. Staying in my own bungalow. Seeing Carol "
        "and the grandchildren on Sundays.",
        strengths="I've grown vegetables for forty years and I still know more than anyone on "
        "the site. I make a decent stew.",
        outcomes=(
            Want("I want to get back to the allotment every week", "ascot:occupation", 4,
                 "At the allotment at least once a week, four weeks running",
                 (Do("Ring the community transport scheme about a weekly lift", "self", "person",
                     2),)),
            Want("Stay living in my own bungalow", "ascot:accommodation", 12,
                 "Still living at home with no fall that needs hospital", kind="maintain"),
        ),
        supports=(Support("Carol does my big shop and picks up my prescriptions",
                          "Carol Hollowbrook (daughter)", "Every Friday", NAT),),
    ),
    2: Story(
        prepared_by="worker_one_to_one",
        important="My flat, my cat Biscuit, and a proper cup of tea. Peter ringing every evening.",
        strengths="Sharp as a tack with the crossword. Knows everyone in the building.",
        outcomes=(
            Want("Stay living in my own flat", "ascot:accommodation", 12,
                 "Still at home with no unplanned hospital stay",
                 (Do("Fit a pendant alarm and a key safe", "equipment", "worker", 2, SW,
                     "Telecare service"),), kind="maintain"),
            Want("I want to get to the lunch club on Wednesdays", "ascot:social", 3,
                 "At the lunch club three Wednesdays out of four, two months running",
                 (Do("Lift to the lunch club and back", "natural", "Peter Thistlewood",
                     "Every Wednesday", NAT),)),
        ),
        supports=(
            Support("Morning care: washing, dressing and breakfast", BRIGHTSIDE,
                    "45 minutes every morning", PB),
            Support("Dressings for her leg ulcer", "Sampletown District Nurses", "Twice a week",
                    ORG, "Health board, under the joint arrangements"),
        ),
        risks=(Risk("Falls at night on the way to the bathroom", "Night light and pendant alarm",
                    True, "The alarm goes to the response team, who call Peter; 999 if Margaret "
                    "is hurt. An urgent review if she falls twice in a month.",
                    "Any fall, or two near-misses reported by Brightside in a week"),),
        needs=(("Help with personal care each morning", "eligible"),
               ("Help to get out and see people", "eligible")),
        resources=(Have("family", "Peter rings every evening and does her banking"),
                   Have("transport", "A bus pass; Peter drives her to the lunch club")),
        costs=(
            Cost("Morning care: washing, dressing and breakfast",
                 "Brightside's morning call, 45 minutes", "0.75", 7, service="Home care",
                 managed_by="The council, with Brightside"),
            Cost("Fit a pendant alarm and a key safe", "Pendant alarm and key safe, fitted", "1",
                 1, payer=FUNDING, price="145.00", why="The telecare team's fixed price, fitted",
                 stream=TELECARE, **ONCE),
            Cost("Fit a pendant alarm and a key safe", "Monitoring of the pendant alarm", "1", 1,
                 payer=FUNDING, service="Telecare monitoring", stream=TELECARE),
        ),
        budget=("council_managed", "The council arranges Brightside's morning calls, £136.50 a "
                "week, from Margaret's personal budget."),
        management=("Brightside's coordinator plans the calls; Peter rings them if anything "
                    "changes.", "The council manages the budget; Peter checks the visit log "
                    "each month."),
        decision=Decision("Margaret fell twice this winter and Peter lives twenty minutes away: "
                          "the alarm and key safe come from the social work telecare budget.",
                          "Approved: the alarm is the least costly way to keep Margaret safe at "
                          "night, and telecare is in the prioritisation framework."),
    ),
    3: Story(
        prepared_by="person_with_circle",
        important="Bowls on Thursdays. Lorna getting a break. My garden.",
        strengths="Forty years driving buses: I know every route in Sampletown. Good with people.",
        outcomes=(
            Want("I want to keep playing bowls with the lads", "ascot:social", 6,
                 "At the club every Thursday through the season",
                 (Do("Lift to the bowls club and back", "natural", "Des Cobblestone",
                     "Every Thursday", NAT),)),
            Want("I want Lorna to get a proper break every week", "ascot:control", 3,
                 "Lorna has a full day to herself every week for eight weeks",
                 (Do("Sitting service so Lorna can go out", "paid", "Jo Fieldfare",
                     "Every Tuesday, 10am to 4pm", PB, "Carer's break"),)),
            Want("Get washed and dressed without rushing", "ascot:personal_care", 6,
                 "Dressed by ten every day, with no falls in the bathroom",
                 (Do("Fit a grab rail and a shower seat", "equipment", "worker", 4, SW,
                     "Community equipment service"),)),
        ),
        supports=(Support("Morning personal care: a shower and dressing", BRIGHTSIDE,
                          "Every day at 7:30, 45 minutes", PB),),
        risks=(
            Risk("Falls when his Parkinson's makes him freeze", "Physio exercises, clear floors, "
                 "a carer walks beside him", True, "Lorna or the carer calls the response line; "
                 "the worker arranges an urgent review", "A fall, or Lorna says she can't manage"),
            Risk("Lorna becomes exhausted", "A weekly break; a carer's assessment is offered"),
        ),
        needs=(("Personal care every morning", "eligible"),
               ("His carer needs a regular break", "eligible")),
        resources=(Have("skills", "Forty years driving buses: knows every route in Sampletown"),
                   Have("community", "Sampletown Bowls Club; Des gives him a lift on Thursdays")),
        costs=(
            Cost("Morning personal care: a shower and dressing",
                 "Brightside's morning call at 7:30, 45 minutes", "0.75", 7, service="Home care"),
            Cost("Sitting service so Lorna can go out", "Sitting service on Tuesdays, 10am to 4pm",
                 "6", 1, service="Sitting service"),
            Cost("Fit a grab rail and a shower seat", "Grab rail and shower seat, fitted", "1", 1,
                 payer=FUNDING, price="95.00", why="The community equipment service's price for "
                 "both, fitted", stream=EQUIPMENT, **ONCE),
        ),
        budget=("council_managed", "£256.50 a week pays for the morning calls and the Tuesday "
                "sitting service."),
        decision=Decision("Lorna's Tuesday break is what keeps her caring: she has said she "
                          "cannot go on without it. The plan is £20.50 a week over the "
                          "indicative budget; the grab rail comes from the equipment budget.",
                          "Approved. A day's break a week for Lorna costs far less than a care "
                          "home if she could not carry on."),
        disagreement=Dispute(
            "support", "Jo Fieldfare", "We cannot staff the 7:30am call on Sundays from next "
            "month. We can offer 9:30am on Sundays.",
            ("not_needed", "Winston and Lorna are happy with 9:30am on Sundays. Noted in the "
             "plan; no need to renegotiate it."),
        ),
    ),
    4: Story(
        prepared_by="person",
        preparation_notes="Priya wrote her plan herself and talked it through with her worker.",
        important="Working from home three days a week. My two cats. Being independent.",
        strengths="Web designer; very organised; knows what works for her MS.",
        outcomes=(
            Want("Keep working three days a week", "ascot:occupation", 12,
                 "Still working three days a week at the yearly review",
                 (Do("Apply to Access to Work for a desk and voice software", "self", "person",
                     6, ORG, "Access to Work grant"),), kind="maintain"),
            Want("Get around the house and garden safely in a powered wheelchair",
                 "ascot:control", 4, "Uses the powered wheelchair every day with no falls", (
                     Do("Assessment for a powered wheelchair", "equipment",
                        "Sampletown Wheelchair Service", 8, ORG, "Health board"),
                     Do("Fit a ramp to the back door", "equipment", "worker", 10, SW,
                        "Disabled facilities grant"),
                 )),
            Want("I want Anil and me to go to the cinema once a month", "ascot:social", 6,
                 "At the cinema once a month for three months",
                 (Do("Cinema trip with Anil", "natural", "Anil Lanternfield",
                     "First Saturday of the month", OWN, "Anil goes free as her carer"),)),
        ),
        supports=(Support("Personal assistant for shopping and cleaning", "Priya's personal "
                          "assistant", "6 hours a week", PB, "Direct payment"),),
        risks=(Risk("Fatigue leading to falls late in the day", "Heavy jobs in the morning; a "
                    "perching stool in the kitchen", True, "Anil is first call; if he can't "
                    "come, the council's out-of-hours team", "A fall, or a relapse lasting more "
                    "than a week"),),
        needs=(("Help with shopping and cleaning", "eligible"),
               ("Getting around her home", "eligible")),
        resources=(Have("skills", "A web designer: organised, and knows what works for her MS"),
                   Have("funding", "Access to Work is paying for her desk and voice software")),
        costs=(
            Cost("Personal assistant for shopping and cleaning",
                 "Priya's personal assistant, 6 hours a week", "6", 1, payer=DP,
                 service="Personal assistant", managed_by="Priya"),
            Cost("Fit a ramp to the back door", "Ramp to the back door, built and fitted", "1", 1,
                 payer=FUNDING, price="1850.00", why="The builder's quote, agreed by the grants "
                 "officer", stream="Disabled facilities grant", **ONCE),
        ),
        budget=("direct_payment", "Pays Priya's personal assistant for 6 hours a week.",
                "four_weekly"),
        decision=Decision("Priya cannot get out of the back door in her wheelchair; the ramp "
                          "needs the social work team's support for the disabled facilities "
                          "grant.", "Approved: within the adaptations priorities, and the grant "
                          "pays for it."),
        management=("Priya employs her assistant, with payroll from the direct payments support "
                    "service.", "Priya manages the budget; the council checks the account every "
                    "three months."),
        disagreement=Dispute("actions", "Sampletown Wheelchair Service", "We cannot assess for a "
                             "powered chair within 8 weeks: our waiting list is 14 weeks.",
                             part="Assessment for a powered wheelchair", days_ago=12),
    ),
    5: Story(
        prepared_by="person_with_circle",
        important="June. The day centre on Mondays and Fridays. Watching the cricket.",
        strengths="A sense of humour. Was an engineer and still likes fixing things.",
        outcomes=(
            Want("I want to keep going to the day centre twice a week", "ascot:social", 6,
                 "At Meadowview every Monday and Friday",
                 (Do("Day centre with transport", "paid", "Bev Honeysett", "Mondays and Fridays",
                     PB, "Council-managed"),), kind="maintain"),
            Want("June gets time for herself", "ascot:control", 6,
                 "June goes to her choir every week",
                 (Do("June goes to choir while Harold is at the day centre", "natural",
                     "June Quillby", "Every Monday", NAT),)),
        ),
        supports=(Support("Day centre with lunch and transport", "Meadowview Day Centre (demo)",
                          "Mondays and Fridays", PB),),
        risks=(Risk("Getting lost if he goes out alone", "Carries a card with June's number and "
                    "wears a GPS watch", True, "June calls the police and the worker; day centre "
                    "staff call June", "Harold is missing for more than an hour"),),
        needs=(("Day activities and company", "eligible"), ("His carer needs a break", "eligible")),
        resources=(Have("family", "June, his wife, does most of his care and keeps his diary"),
                   Have("transport", "A bus pass, which he uses with June")),
        costs=(
            Cost("Day centre with lunch and transport", "Two days a week at Meadowview, with "
                 "lunch", "1", 2, service="Day centre with lunch"),
            Cost("Day centre with transport", "Meadowview's minibus there and back", "1", 2,
                 service="Day centre transport"),
        ),
        budget=("council_managed", "£114 a week for two days at Meadowview, with transport."),
        change=Story(
            outcomes=(Want("I want to get to the cricket with my grandson this summer",
                           "ascot:occupation", 5, "At two home matches by the end of the season",
                           (Do("Buy two match-day tickets", "self", "person", 4, OWN),)),),
            costs=(Cost("", "A sitter for two hours a month, so June can go to choir on "
                        "Thursdays too", "2", 1, period="month", service="Sitting service"),),
            budget=("council_managed", "Meadowview as before, at last year's prices, and a "
                    "sitter for two hours a month so June can go to choir on Thursdays too."),
        ),
    ),
    6: Story(
        prepared_by="worker_one_to_one",
        preparation_notes="Planned in Welsh with a Welsh-speaking worker.",
        important="Capel on Sundays, speaking Welsh, my garden and Rhodri.",
        strengths="Taught Welsh for thirty years. Strong faith. Very organised.",
        outcomes=(
            Want("Mynd i'r capel bob dydd Sul – I want to get to chapel every Sunday",
                 "ascot:social", 3, "At chapel every Sunday for two months",
                 (Do("Lift to chapel", "natural", "Rhodri Afonlas", "Every Sunday", NAT),)),
            Want("Keep on top of the housework without pain", "ascot:accommodation", 6,
                 "A cleaner comes every week and Gwen says the pain is manageable", (
                     Do("Employ a cleaner for two hours a week", "paid", "person",
                        "Every Thursday", PB, "Direct payment"),
                     Do("Long-handled tools and a perching stool", "equipment", "worker", 3, SW),
                 )),
        ),
        supports=(Support("Cleaner", "Cleaner employed by Gwen", "2 hours a week", PB),),
        risks=(Risk("Pain flare-ups stop her managing at home", "A pain plan from her GP; "
                    "Rhodri helps on bad days"),),
        needs=(("Help keeping the house clean", "eligible"),),
        resources=(Have("skills", "Taught Welsh for thirty years; runs the chapel's accounts"),
                   Have("family", "Rhodri, her husband, helps on bad days")),
        costs=(
            Cost("Cleaner", "Gwen's cleaner, 2 hours a week", "2", 1, payer=DP, unit="hour",
                 price="17.00", why="Cleaning is not in the council's list: Gwen pays the going "
                 "local rate", managed_by="Gwen, with Rhodri's help"),
            Cost("Employ a cleaner for two hours a week", "Payroll for Gwen's cleaner", "1", 1,
                 payer=DP, service="Direct payment payroll service"),
            Cost("Long-handled tools and a perching stool", "Long-handled tools and a perching "
                 "stool", "1", 1, payer=FUNDING, price="65.00", why="The community equipment "
                 "store's price list", stream=EQUIPMENT, **ONCE),
        ),
        budget=("direct_payment", "Pays Gwen's cleaner for two hours a week, and the payroll "
                "service.", "weekly"),
        decision=Decision("Bending and reaching are unsafe with Gwen's pain: the tools and the "
                          "stool come from the social work equipment budget.",
                          "Approved: small equipment, within the prioritisation framework."),
        agreed_how="signed_paper",
        reworded=(
            ("Keep on top of the housework without pain", "Keep my home clean without the pain"),
        ),
        change=Story(
            important="Capel on Sundays, speaking Welsh, my garden and Rhodri. Rhodri is having "
            "his hip done, so I need help in the mornings for a while.",
            outcomes=(Want("Get washed and dressed in the mornings while Rhodri gets better",
                           "ascot:personal_care", 3, "Help every morning until Rhodri is back "
                           "on his feet", (Do("Morning help with a shower", "paid", "worker",
                                              "Every morning for 12 weeks"),)),),
        ),
    ),
    7: Story(
        prepared_by="worker_one_to_one",
        important="Graham and the grandchildren; my bird table; the radio.",
        strengths="Independent and knows her own mind.",
        outcomes=(Want("Stay in my own home until I move to Graham's", "ascot:accommodation", 6,
                       "Safe at home until the move",
                       (Do("Lunch-time call with a meal and a reminder for tablets", "paid",
                           "Kit Larkspur", "Every day at 12:30", PB),), kind="maintain"),),
        supports=(Support("Lunch-time calls", BRIGHTSIDE, "30 minutes every day", PB),),
        risks=(Risk("Forgets her tablets", "Dosette box and a reminder at the lunch-time call",
                    True, "Brightside calls Graham and the GP", "Two missed doses in a week"),),
        needs=(("Meals and reminders for medication", "eligible"),),
        costs=(
            Cost("Lunch-time calls", "Brightside's lunch-time call, 30 minutes", "0.5", 7,
                 service="Home care"),
            Cost("Lunch-time call with a meal and a reminder for tablets", "Frozen meals, heated "
                 "on the lunch-time call", "1", 7, payer=MINE, unit="session", price="3.50",
                 why="Doris buys her meals at the supermarket", managed_by="Doris, with Graham"),
        ),
        budget=("council_managed", "£87.50 a week for Brightside's lunch-time calls; Doris buys "
                "her own meals."),
        ended="Doris has moved to live with her son in another council's area; her new council "
        "has a copy of the plan.",
    ),
    8: Story(
        prepared_by="worker_one_to_one",
        preparation_notes="Two meetings with a BSL interpreter.",
        important="The Deaf community, coaching kids' football, getting a job.",
        strengths="Qualified football coach; good with young people; strong IT skills.",
        outcomes=(
            Want("I want a paid job by the end of the year", "ascot:occupation", 9,
                 "Three interviews in six months and a job offer by the date", (
                     Do("Job coaching with a BSL interpreter", "community",
                        "Sampletown Deaf Centre (demo)", "Every Wednesday morning", COMM),
                     Do("Apply to Access to Work for interpreter costs", "self", "person", 4, ORG),
                 )),
            Want("Feel less cut off at home", "ascot:social", 6,
                 "Out with friends at least twice a week",
                 (Do("Deaf club social nights with Femi", "natural", "Femi Oduya-Sample",
                     "Every Friday", OWN),)),
        ),
        supports=(Support("Employment support in BSL", "Sampletown Deaf Centre (demo)", "Weekly",
                          COMM),),
        risks=(Risk("Misses important calls from the doctor or the jobcentre", "Video relay and "
                    "text services set up"),),
        needs=(("Support to get into work and the community", "eligible"),),
        budget=("none", ""),
        management=("Kwame manages his own support.", "Kwame leads; the worker checks in by "
                    "video call each month."),
    ),
    9: Story(
        prepared_by="worker_one_to_one",
        important="Talking again. My husband Mick. Going back to the choir.",
        strengths="Determined. A lovely alto voice.",
        outcomes=(
            Want("Talk on the phone to my sister again", "ascot:social", 6,
                 "A short phone call with her sister every week",
                 (Do("Speech and language therapy", "paid", "worker", "Weekly for 10 weeks", ORG,
                     "NHS"),)),
            Want("Go back to the choir", "ascot:occupation", 8, "Sings with the choir twice a "
                 "month", (Do("Lift to choir practice", "natural", "Mick Marchbank",
                              "Every Tuesday evening"),)),
        ),
        supports=(Support("Help with a shower three mornings a week", "Agency to be chosen",
                          "Three mornings a week"),),
        risks=(Risk("Another stroke", "Takes her tablets; blood pressure checks at the GP", True),),
        needs=(("Help with personal care", "eligible"),),
    ),
    10: Story(
        prepared_by="worker_one_to_one",
        preparation_notes="First visit with a Polish interpreter. Tomasz wants Ania at the next.",
    ),
    11: Story(
        important="My own flat one day. My friend Lily. Dancing and Disney songs.",
        strengths="Kind. Good at remembering birthdays. A brilliant dancer.",
    ),
    12: Story(
        prepared_by="planning_meeting",
        preparation_notes="Best-interest planning meeting with Nadia (advocate), Sheila, "
        "Brightside and the worker. Arthur joined for the first part and told us what matters.",
        important="Arthur says: “my dog Patch, my garden, and my tea at four o'clock.”",
        strengths="Loves music from the fifties. Gentle. Still a keen gardener with some help.",
        outcomes=(
            Want("Stay at home with Patch", "ascot:accommodation", 12,
                 "At home with Patch and no crisis admission for 12 months",
                 (Do("Dog walker for Patch", "community", "Sheila Mossgrove", "Every day", OWN,
                     "Arthur's own money, managed by Sheila as his attorney"),), kind="maintain"),
            Want("Get out in the garden when the weather is good", "ascot:occupation", 4,
                 "In the garden at least twice a week through the summer",
                 (Do("Raised beds and a garden seat", "equipment", "worker", 6, SW),)),
        ),
        supports=(Support("Home care three times a day", BRIGHTSIDE, "Three calls a day", PB),),
        risks=(Risk("Leaving the house at night and getting lost", "Door sensor linked to "
                    "telecare; Sheila lives nearby", True, "Telecare calls Sheila; the police if "
                    "Arthur isn't found within 30 minutes; an urgent best-interest review",
                    "The door sensor goes off at night, or Arthur is found outside"),),
        needs=(("Personal care and meals", "eligible"),
               ("Supervision to stay safe at home", "eligible")),
        resources=(Have("family", "Sheila, his niece, lives nearby and manages his money as his "
                        "attorney"),
                   Have("community", "The garden project's volunteers visit once a month")),
        costs=(
            Cost("Home care three times a day", "Morning call, 45 minutes", "0.75", 7,
                 service="Home care"),
            Cost("Home care three times a day", "Lunch-time call, 30 minutes", "0.5", 7,
                 service="Home care"),
            Cost("Home care three times a day", "Tea-time call, 30 minutes", "0.5", 7,
                 service="Home care"),
            Cost("Dog walker for Patch", "Dog walker for Patch", "1", 7, payer=MINE,
                 unit="session", price="10.00", why="The dog walker's own charge",
                 managed_by="Sheila Mossgrove, as Arthur's attorney"),
            Cost("Raised beds and a garden seat", "Raised beds and a garden seat", "1", 1,
                 payer=FUNDING, price="320.00", why="The garden project's quote",
                 stream=EQUIPMENT, **ONCE),
        ),
        budget=("council_managed", "£318.50 a week pays for Brightside's three calls a day."),
        decision=Decision("Gardening is what Arthur still loves: raised beds let him keep at it "
                          "safely, in his best interest as agreed with Nadia and Sheila. They "
                          "come from the social work equipment budget.",
                          "Approved: a small cost for Arthur's wellbeing at home."),
        management=("Brightside plans the calls; Sheila holds lasting power of attorney for "
                    "money.", "The council manages the budget; Nadia checks decisions stay in "
                    "Arthur's best interest."),
        noted=Dispute("support", "Sheila Mossgrove", "I think Uncle Arthur needs a check at "
                      "night as well: three calls a day is not enough.", days_ago=24,
                      decision=("needed", "Sheila is right that nights are a worry. The day "
                                "calls start now under this plan; a new version will add a "
                                "night check once the telecare service has visited.")),
    ),
    13: Story(
        prepared_by="person",
        important="Running my book group, swimming, and being independent.",
        strengths="Runs the Sight Loss Group's book club; a great cook; confident with a cane.",
        outcomes=(
            Want("I want to choose who helps me and when", "ascot:control", 6,
                 "Employs an assistant she chose, on hours she set, for three months", (
                     Do("Recruit and employ a personal assistant", "self", "person", 6, PB,
                        "Direct payment"),
                     Do("Set up payroll with the direct payments support service", "community",
                        "worker", 2, PB),
                 )),
            Want("Swim every week", "ascot:occupation", 4, "Swims once a week for two months",
                 (Do("Harriet goes swimming with Sunita", "paid", "Harriet Lowmoor",
                     "Every Monday", PB),)),
        ),
        supports=(Support("Personal assistant", "Harriet Lowmoor", "12 hours a week", PB,
                          "Direct payment"),),
        risks=(Risk("No help if Harriet is off sick", "Two relief assistants from the Sight Loss "
                    "Group's list"),),
        needs=(("Help with shopping, post and getting out", "eligible"),),
        resources=(Have("skills", "Runs the Sight Loss Group's book club; a great cook"),
                   Have("community", "Sampletown Sight Loss Group: peer support, and relief "
                        "assistants when Harriet is off")),
        costs=(
            Cost("Recruit and employ a personal assistant", "Advert and DBS check for a new "
                 "assistant", "1", 1, payer=DP, price="120.00", why="The advert and the DBS "
                 "check at their own prices", **ONCE),
            Cost("Set up payroll with the direct payments support service", "Payroll service",
                 "1", 1, payer=DP, service="Direct payment payroll service"),
            Cost("Harriet goes swimming with Sunita", "Harriet's time at the pool, 2 of her 12 "
                 "hours", "2", 1, payer=DP, service="Personal assistant"),
            Cost("Personal assistant", "Harriet's other 10 hours: shopping, post and getting "
                 "out", "10", 1, payer=DP, service="Personal assistant",
                 managed_by="Sunita, with Dev's help on paperwork"),
        ),
        budget=("direct_payment", "Pays Harriet for 12 hours a week, and the payroll service.",
                "four_weekly"),
        management=("Sunita employs Harriet herself; the payroll service pays wages and tax.",
                    "Sunita manages her direct payment with Dev's help on paperwork."),
        agreed_how="verbal",
    ),
    14: Story(
        prepared_by="person_with_circle",
        important="My music. Ollie. Not going back into hospital.",
        strengths="Plays guitar and writes songs. Good at fixing bikes.",
        outcomes=(
            Want("Not go back into hospital", "ascot:safety", 12, "No hospital admission for 12 "
                 "months", (Do("Meet his care coordinator", "paid",
                               "Sampletown Mental Health Team (demo)", "Every two weeks", ORG,
                               "NHS mental health team"),), kind="maintain"),
            Want("Play in a band again", "ascot:occupation", 6, "Plays with a band twice a month",
                 (Do("Open mic night at the community café", "community", "Ollie Saltmarsh",
                     "Every other Thursday", COMM),)),
            Want("Get a volunteer job at the bike project", "ascot:occupation", 4,
                 "Volunteering one morning a week",
                 (Do("Visit the bike project and sign up", "self", "person", 3, OWN),)),
        ),
        risks=(Risk("Relapse if he stops his medication", "Knows his early warning signs; Ollie "
                    "knows who to call", True, "Leon or Ollie calls the crisis line; the care "
                    "coordinator arranges an urgent review", "Two nights without sleep, or "
                    "stopping his medication"),),
        needs=(("Staying well and connected", "not_eligible"),),
        budget=("none", ""),
        not_applicable=(("support", "No arranged services: Leon's support is his friends, the "
                         "mental health team and the community groups in his action plan."),),
    ),
    17: Story(
        prepared_by="person_with_circle",
        important="Being with my friends at school. Swimming. My dog Pickle.",
        strengths="Funny, determined, brilliant at drawing.",
        outcomes=(
            Want("I want to go to swimming club with my friends", "wb:active", 4,
                 "At swimming club every Saturday for a term",
                 (Do("Mum takes Maisie and helps her change", "natural", "Dawn Puddleford",
                     "Every Saturday", NAT),)),
            Want("Get around school on my own", "wb:included", 6,
                 "Moves between classes without an adult by the summer term",
                 (Do("Ramp and accessible toilet at school", "equipment",
                     "Sampletown Primary School (demo)", 6, ORG, "School's accessibility plan"),)),
            Want("I want Mum to get some sleep", "wb:nurtured", 3,
                 "An overnight short break every month for three months",
                 (Do("Overnight short break", "paid", "worker", "One weekend a month", SW,
                     "Short breaks, approved by the manager"),)),
        ),
        supports=(Support("Overnight short breaks", "Sampletown Short Breaks (demo)",
                          "One weekend a month", SW),),
        risks=(Risk("Sore skin from sitting for long periods", "Changes position every two "
                    "hours; the OT checks her wheelchair", True, "Dawn calls the community "
                    "nurse; an urgent OT review", "Red skin that doesn't fade within an hour"),),
        needs=(("Personal care and moving about", "eligible"),
               ("Her mum needs a break from caring", "eligible")),
        costs=(
            Cost("Overnight short breaks", "Two nights a month at the short-break house", "2", 1,
                 period="month", payer=FUNDING, service="Overnight short break",
                 stream="Social work resources: children's short breaks"),
            Cost("Overnight short break", "Taxi to and from the short-break house", "2", 1,
                 period="month", payer=FUNDING, unit="session", price="18.00",
                 why="The council's taxi contract price for the journey",
                 stream="Social work resources: children's short breaks"),
        ),
        budget=("council_managed", "The council arranges the short breaks."),
        decision=Decision("Dawn has not had a full night's sleep in months. Two nights a month "
                          "at the short-break house are within the short breaks priorities for "
                          "disabled children.", "Approved under the short breaks priorities; "
                          "look again at the first review."),
    ),
    18: Story(
        prepared_by="person_with_circle",
        important="Trains. My routines. Minecraft. Dad.",
        strengths="Knows the whole railway timetable. A great memory. Honest.",
        outcomes=(
            Want("I want to get the bus to school on my own", "wb:responsible", 6,
                 "Travels to school on his own four days out of five for a month",
                 (Do("Travel training on the bus route", "community",
                     "Sampletown High School (demo)", "Twice a week for 6 weeks", ORG),)),
            Want("Have a quiet place at school when it gets too loud", "wb:healthy", 2,
                 "Uses the quiet room instead of leaving school, every week this term",
                 (Do("Set up a quiet room pass", "community", "Sampletown High School (demo)",
                     3, ORG),)),
        ),
        risks=(Risk("Gets overwhelmed and runs off", "Quiet room pass; Dad's number on his "
                    "phone"),),
    ),
    19: Story(
        prepared_by="worker_one_to_one",
        preparation_notes="Planned with Ruby and Kim at home, with drawings.",
        important="Living with Kim. Seeing Liam. Gymnastics.",
        strengths="Brave, chatty, loves reading to Kim's cat.",
        outcomes=(
            Want("I want to see Liam every month", "wb:nurtured", 3,
                 "Sees Liam at least once a month for three months",
                 (Do("Arrange family time with Liam", "paid", "worker", "Once a month", SW),)),
            Want("Keep going to gymnastics", "wb:active", 6, "At gymnastics every week",
                 (Do("Kim takes Ruby to gymnastics", "natural", "Kim Tumbleton",
                     "Every Wednesday", NAT),), kind="maintain"),
        ),
        supports=(Support("Supervised family time", "Sampletown Family Time Centre (demo)",
                          "Once a month", SW),),
        risks=(Risk("Upset after family time", "A calm evening planned after each visit"),),
        needs=(("Keeping in touch with her brother", "eligible"),),
        costs=(
            Cost("Supervised family time", "A supervised session at the family time centre", "1",
                 1, period="month", payer=FUNDING, service="Supervised family time",
                 stream="Social work resources: children in care"),
            Cost("Arrange family time with Liam", "Taxi for Ruby and Kim to the family time "
                 "centre", "1", 1, period="month", payer=FUNDING, unit="session", price="22.00",
                 why="The council's taxi contract price", stream="Social work resources: "
                 "children in care"),
        ),
        budget=("none", ""),
        decision=Decision("Ruby's care plan says she sees Liam every month, supervised until "
                          "contact is agreed.", "Approved: family time is part of Ruby's care "
                          "plan."),
        management=("Kim and the worker arrange family time together.", "The worker "
                    "coordinates; Kim keeps a diary of how Ruby is after each visit."),
    ),
    # A plan costed every way: council-managed, a direct payment, the person's own money and
    # the NHS, within the indicative budget (budget taken as a mix, paid every four weeks).
    21: Story(
        prepared_by="person_with_circle",
        preparation_notes="Edwin wrote his plan with Maureen after his stroke, with his worker's "
        "help on the costs.",
        important="Maureen. Getting back in the pool. My workshop in the garage.",
        strengths="A joiner for forty years; still makes bird boxes one-handed. Stubborn, in a "
        "good way.",
        outcomes=(
            Want("Get washed and dressed in the mornings without Maureen having to do it",
                 "ascot:personal_care", 6, "Washed and dressed by 9:30 every day without "
                 "Maureen's help, for a month",
                 (Do("Help with a shower and dressing", "paid", "Kit Larkspur",
                     "Every morning, 45 minutes", PB, "Council-managed"),)),
            Want("Swim at the leisure centre every week, like before my stroke",
                 "ascot:occupation", 4, "Swims once a week for two months", (
                     Do("Tess comes swimming with me", "paid", "Tess Marlowe",
                        "Every Tuesday, 3 hours", PB, "Direct payment"),
                     Do("Pay for my own swims at the leisure centre", "self", "person",
                        "Every Tuesday", OWN),
                 )),
            Want("Stay at home and safe at night", "ascot:safety", 12,
                 "No hospital admission after a fall at night for 12 months",
                 (Do("Fit a bed sensor linked to telecare", "equipment", "worker", 3, PB,
                     "Council-managed"),), kind="maintain"),
        ),
        supports=(Support("Night checks by a health care assistant",
                          "Sampletown Community Health (demo)", "Two checks every night", ORG,
                          "NHS continuing health care"),),
        risks=(Risk("Falls getting out of bed at night", "A bed sensor and two night checks",
                    True, "The sensor alerts the telecare team, who call Maureen and the night "
                    "health care assistant; 999 if Edwin is hurt", "A fall at night, or the "
                    "sensor going off more than twice in a week"),),
        needs=(("Personal care each morning", "eligible"),
               ("Getting out and keeping active", "eligible")),
        resources=(
            Have("skills", "A joiner for forty years: makes bird boxes for the stroke club's sale"),
            Have("family", "Maureen, his wife, helps in the evenings and at weekends"),
            Have("transport", "A blue badge; Maureen drives him to the pool"),
            Have("community", "The stroke club at the community centre on Thursdays"),
            Have("funding", "NHS continuing health care pays for his night checks", "210.00"),
        ),
        costs=(
            Cost("Help with a shower and dressing", "Brightside's morning call, 45 minutes",
                 "0.75", 7, service="Home care", managed_by="The council, with Brightside"),
            Cost("Fit a bed sensor linked to telecare", "Bed sensor and telecare unit, fitted",
                 "1", 1, price="210.00", why="The telecare supplier's price: sensors are not in "
                 "the council's list", **ONCE),
            Cost("Fit a bed sensor linked to telecare", "Monitoring of the bed sensor", "1", 1,
                 service="Telecare monitoring"),
            Cost("Tess comes swimming with me", "Tess's time, 3 hours on Tuesdays", "3", 1,
                 payer=DP, service="Personal assistant", managed_by="Edwin and Maureen"),
            Cost("", "Payroll service for Tess's wages", "1", 1, payer=DP,
                 service="Direct payment payroll service", managed_by="Edwin and Maureen"),
            Cost("Pay for my own swims at the leisure centre", "A swim at the leisure centre",
                 "1", 1, payer=MINE, unit="session", price="4.80",
                 why="The leisure centre's price for a swim", managed_by="Edwin"),
            Cost("Night checks by a health care assistant", "Two night checks by a health care "
                 "assistant", "2", 7, payer=FUNDING, unit="session", price="15.00",
                 why="Paid by the NHS at its own rate", stream="NHS continuing health care"),
        ),
        budget=("mixed", "The council arranges Brightside's morning calls and the bed sensor. "
                "Edwin takes the rest as a direct payment every four weeks, to pay Tess for "
                "swimming and her payroll.", "four_weekly"),
        management=("Edwin employs Tess; Brightside plans the morning calls with Maureen.",
                    "The council manages its part of the budget; Edwin and Maureen manage the "
                    "direct payment, which the council checks every three months."),
    ),
    # Over the indicative budget: the worker has asked the team manager, who has not decided yet.
    22: Story(
        prepared_by="worker_one_to_one",
        preparation_notes="Planned with Yusuf and Amira over two evening visits, so Amira could "
        "be there after work.",
        important="Amira. Our two boys. The brain injury centre, where people get it. Cooking "
        "curry on Sundays.",
        strengths="Was a chef, and still cooks with a little help. Funny and patient with the "
        "boys.",
        outcomes=(
            Want("Go to the brain injury centre three days a week, so Amira can keep her job",
                 "ascot:occupation", 6, "At the centre every Monday, Wednesday and Friday for "
                 "two months",
                 (Do("Day sessions at the brain injury centre", "paid", "Priti Vale",
                     "Monday, Wednesday and Friday", PB, "Council-managed"),)),
            Want("Be up, washed and ready when the centre's minibus comes",
                 "ascot:personal_care", 4, "Ready for the minibus by 9am on centre days for a "
                 "month", (Do("Morning help to get up and ready", "paid", "Kit Larkspur",
                              "Every morning, 1 hour", PB),)),
        ),
        supports=(Support("Minibus to the brain injury centre and back",
                          "Sampletown Brain Injury Centre (demo)", "Monday, Wednesday and Friday",
                          PB),),
        risks=(Risk("Leaves the cooker on when his memory is bad", "A cooker safety valve; Yusuf "
                    "cooks with Amira or at the centre", True, "The valve cuts off the gas; "
                    "Amira or the centre calls the worker, who arranges an urgent review",
                    "A pan left burning, or the valve cutting in twice in a week"),),
        needs=(("Personal care on weekday mornings", "eligible"),
               ("Day activities while his carer works", "eligible")),
        resources=(Have("skills", "Was a chef: cooks Sunday dinner with Amira"),
                   Have("family", "Amira and their two sons help in the evenings"),
                   Have("community", "A peer group for people with a brain injury, at the "
                        "centre on Saturdays")),
        costs=(
            Cost("Day sessions at the brain injury centre", "Three days a week at the centre, "
                 "with lunch", "1", 3, service="Day centre with lunch"),
            Cost("Morning help to get up and ready", "Brightside's morning call, 1 hour", "1", 7,
                 service="Home care"),
            Cost("Minibus to the brain injury centre and back", "The centre's minibus there and "
                 "back", "1", 3, service="Day centre transport"),
        ),
        budget=("council_managed", "The council arranges the centre, its minibus and "
                "Brightside's morning calls from Yusuf's personal budget."),
        decision=Decision("Amira has had to go back to work full time since the indicative "
                          "budget was worked out. Without a third day at the centre and a full "
                          "hour each morning she would have to give up her job, and Yusuf would "
                          "need much more paid support at home. The plan is £123.00 a week over "
                          "the indicative budget.", status=BudgetDecision.Status.WAITING),
    ),
    # Options compared for an outcome: the season ticket with a friend chosen over paid support.
    23: Story(
        prepared_by="person_with_circle",
        preparation_notes="Callum planned with his mum Linda and his friend Jamal, using "
        "easy-read pages.",
        important="Sampletown Rovers. Jamal, my best mate. My mum. Cooking my own tea.",
        strengths="Knows every Rovers player for the last fifteen years. Makes people laugh. "
        "Good at following a recipe with pictures.",
        outcomes=(
            Want("I want to go to every Rovers home game with my mate", "ascot:social", 6,
                 "At every Rovers home game for two months"),
            Want("Cook my own tea twice a week", "ascot:food_drink", 6,
                 "Cooks his own tea twice a week for a month",
                 (Do("Ellis helps me cook my tea", "paid", "Ellis Thornbury",
                     "Tuesdays and Thursdays, 2 hours", PB, "Direct payment"),)),
        ),
        tradeoffs=(Weigh(
            "I want to go to every Rovers home game with my mate",
            "Getting to the football: a season ticket with a friend, or a support worker",
            (
                Option("A season ticket, going with my friend Jamal",
                       "Sampletown Rovers (demo), with Jamal Fernsby", "12.50",
                       "Callum goes to every home game with his best mate and stands with the "
                       "other fans. Jamal's mum drives them home."),
                Option("A support worker takes me to the home games", BRIGHTSIDE, "68.00",
                       "Callum goes to the games with a paid worker rather than a friend, and "
                       "only when a worker is free on a Saturday: 4 hours a week at £17.00 an "
                       "hour."),
            ),
            chosen=0,
            why="Callum would rather go with Jamal than with a worker, and it costs £55.50 a "
            "week less.",
            who="Jamal Fernsby", when="Every home game", funded=PB,
        ),),
        supports=(Support("Jamal's mum drives them home after the match",
                          "Grace Fernsby (Jamal's mum)", "Every home game", NAT),),
        risks=(Risk("Getting separated from Jamal in the crowd", "They meet at the same gate; "
                    "Callum has Jamal's and his mum's numbers on his phone"),),
        needs=(("Help to get out and do the things he enjoys", "eligible"),
               ("Help with cooking", "eligible")),
        resources=(Have("transport", "A bus pass, with a companion pass for whoever goes with "
                        "him"),
                   Have("family", "Linda, his mum, helps him manage his money"),
                   Have("community", "The Rovers supporters' club and its disability liaison "
                        "officer")),
        costs=(
            Cost("A season ticket, going with my friend Jamal", "Rovers season ticket, paid by "
                 "the week", "1", 1, payer=DP, unit="week", price="12.50",
                 why="Not in the council's list: the club's season ticket, £650 for the season",
                 managed_by="Linda, Callum's mum"),
            Cost("Ellis helps me cook my tea", "Ellis's time, 2 hours twice a week", "2", 2,
                 payer=DP, service="Personal assistant", managed_by="Linda, Callum's mum"),
        ),
        budget=("direct_payment", "A direct payment every month pays for Callum's season ticket "
                "and Ellis's hours; Linda manages it with him.", "monthly"),
        management=("Callum employs Ellis, with Linda's help; Jamal goes to the games with him.",
                    "Linda manages the direct payment with Callum; the council checks it every "
                    "three months."),
        agreed_how="verbal",
    ),
    # Approved over budget, then a cost added: the approval has lapsed and must be asked again.
    24: Story(
        prepared_by="worker_one_to_one",
        preparation_notes="Planned at Percy's kitchen table with Joan.",
        important="My own home of fifty years. Joan. The wireless and the cricket.",
        strengths="A sharp memory for cricket scores. Kept his own house for years.",
        outcomes=(
            Want("Stay in my own home now my eyesight is going", "ascot:accommodation", 12,
                 "At home with no unplanned hospital stay for a year",
                 (Do("Help with meals and tablets twice a day", "paid", "Kit Larkspur",
                     "Twice a day, 30 minutes", PB),), kind="maintain"),
            Want("Get to the day centre on Thursdays", "ascot:social", 4,
                 "At the day centre every Thursday for two months",
                 (Do("A day at Meadowview on Thursdays", "paid", "Bev Honeysett",
                     "Every Thursday", PB),)),
        ),
        supports=(Support("Joan does Percy's shopping and reads him his post",
                          "Joan Gladwell (daughter)", "Every Saturday", NAT),),
        risks=(Risk("Missed meals or tablets", "Brightside's calls prompt both", True,
                    "Brightside calls Joan, then the GP, if Percy has not eaten or taken his "
                    "tablets", "Two missed meals or doses in a week"),),
        needs=(("Meals and medication", "eligible"),
               ("Company and something to do in the day", "eligible")),
        costs=(
            Cost("Help with meals and tablets twice a day", "Brightside's calls, 30 minutes "
                 "twice a day", "0.5", 14, service="Home care"),
            Cost("A day at Meadowview on Thursdays", "A day at Meadowview, with lunch", "1", 1,
                 service="Day centre with lunch"),
        ),
        budget=("council_managed", "The council arranges Brightside's calls and Percy's day at "
                "Meadowview."),
        decision=Decision(
            "Percy's sight has got worse since his indicative budget was worked out: he can no "
            "longer cook safely, so he needs two calls a day. The plan is £18.00 a week over "
            "the indicative budget.",
            "Approved: two calls a day are the least that keeps Percy eating and taking his "
            "tablets at home.",
            then=(Cost("A day at Meadowview on Thursdays", "Meadowview's minibus there and back",
                       "1", 1, service="Day centre transport"),),
        ),
    ),
}
# fmt: on

# Each adult whose plan is paid from a personal budget: their indicative budgets, oldest first
# (answers to the scheme's questions by position, from 0), their financial assessment, and any
# result from version 1 of the scheme, before version 2 replaced it.
# fmt: off
MONEY = {
    2: Money((Ras((2, 1, 1, 1, 0), days_ago=80),), Assessment(DONE, "22.40", 70)),
    3: Money((Ras((2, 1, 2, 2, 2), carer=True, days_ago=130),), Assessment(DONE, "35.00", 120)),
    4: Money((Ras((1, 1, 1, 1, 0), days_ago=65),),
             Assessment(DONE, "0.00", 60, "Priya's income is below the charging threshold.")),
    5: Money((Ras((1, 1, 2, 2, 2), carer=True, days_ago=90),), Assessment(DONE, "18.50", 85),
             earlier=(Ras((1, 1, 2, 2), carer=True, days_ago=440),)),
    6: Money((Outside("60.00", "Agreed at the direct payments panel and sent to Gwen by letter, "
                      "before the council used Tandem", days_ago=235),),
             Assessment(FinancialAssessment.Status.IN_PROGRESS, days_ago=20,
                        notes="Gwen has sent her bank statements; waiting for her pension letter")),
    7: Money((Outside("95.00", "Set at Doris's review in the council's previous system",
                      days_ago=300),), Assessment(DONE, "31.20", 280)),
    12: Money((Ras((3, 2, 2, 2, 0), with_person=False, days_ago=55),),
              Assessment(DONE, "64.10", 50, "Completed with Sheila, who holds lasting power of "
                         "attorney for Arthur's money.")),
    13: Money((Outside("210.00", "Agreed by the sensory impairment team's resource panel",
                       days_ago=110),), Assessment(DONE, "15.60", 105)),
    21: Money((Ras((2, 1, 2, 1, 1), days_ago=60),), Assessment(DONE, "27.60", 58)),
    22: Money((Ras((2, 1, 2, 2, 2), carer=True, days_ago=40),),
              Assessment(NOT_DONE, notes="Booked with the financial assessment team for next "
                         "week.")),
    23: Money((Ras((1, 1, 1, 1, 0), days_ago=45),),
              Assessment(DONE, "0.00", 40, "Callum's income is below the charging threshold.")),
    24: Money((Ras((2, 2, 2, 1, 0), days_ago=30),), Assessment(DONE, "41.75", 28)),
}
# fmt: on
