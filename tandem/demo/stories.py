"""What each demo person's plan says, keyed by their number in people.py.

Outcomes are in the person's own words (P2); areas of life are ASCOT domains for adults and the
wellbeing indicators for children (P12). All of it is invented.
"""

from decimal import Decimal

from tandem.demo.people import BRIGHTSIDE
from tandem.demo.plans import Dispute, Do, Risk, Story, Support, Want

PB, NAT, OWN, COMM = "personal_budget", "natural", "own", "community"
SW, ORG = "social_work", "other_organisation"

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
                 "Still at home with no unplanned hospital stay", (
                     Do("Help with washing and dressing each morning", "paid", "Jo Fieldfare",
                        "Every morning, 45 minutes", PB, "Council-managed"),
                     Do("Fit a pendant alarm and a key safe", "equipment", "worker", 2, SW,
                        "Telecare service"),
                 ), kind="maintain"),
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
        budget=("council_managed", "The council arranges Brightside's morning calls from "
                "Margaret's personal budget of £142 a week."),
        management=("Brightside's coordinator plans the calls; Peter rings them if anything "
                    "changes.", "The council manages the budget; Peter checks the visit log "
                    "each month."),
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
                 "Dressed by ten every day, with no falls in the bathroom", (
                     Do("Help with a shower and dressing", "paid", "Jo Fieldfare",
                        "Every morning at 7:30", PB),
                     Do("Fit a grab rail and a shower seat", "equipment", "worker", 4, SW,
                        "Community equipment service"),
                 )),
        ),
        supports=(
            Support("Morning personal care", BRIGHTSIDE, "Every day, 45 minutes", PB),
            Support("Sitting service", BRIGHTSIDE, "Tuesdays, 10am to 4pm", PB),
        ),
        risks=(
            Risk("Falls when his Parkinson's makes him freeze", "Physio exercises, clear floors, "
                 "a carer walks beside him", True, "Lorna or the carer calls the response line; "
                 "the worker arranges an urgent review", "A fall, or Lorna says she can't manage"),
            Risk("Lorna becomes exhausted", "A weekly break; a carer's assessment is offered"),
        ),
        needs=(("Personal care every morning", "eligible"),
               ("His carer needs a regular break", "eligible")),
        budget=("council_managed", "£260 a week pays for the morning calls and the Tuesday "
                "sitting service."),
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
        budget=("direct_payment", "Pays Priya's personal assistant for 6 hours a week.",
                Decimal("384.00"), "four_weekly"),
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
        budget=("council_managed", "£118 a week for two days at Meadowview, with transport."),
        change=Story(
            outcomes=(Want("I want to get to the cricket with my grandson this summer",
                           "ascot:occupation", 5, "At two home matches by the end of the season",
                           (Do("Buy two match-day tickets", "self", "person", 4, OWN),)),),
            budget=("council_managed", "£118 a week for Meadowview as before, and £40 a month "
                    "for a sitter so June can go to choir on Thursdays too."),
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
        budget=("direct_payment", "Pays Gwen's cleaner for two hours a week.", Decimal("34.00"),
                "weekly"),
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
        budget=("council_managed", "£98 a week for Brightside's lunch-time calls."),
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
                 "At home with Patch and no crisis admission for 12 months", (
                     Do("Calls morning, lunch and tea-time", "paid", "Kit Larkspur",
                        "Three times a day", PB),
                     Do("Dog walker for Patch", "community", "Sheila Mossgrove", "Every day", OWN,
                        "Arthur's own money, managed by Sheila as his attorney"),
                 ), kind="maintain"),
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
        budget=("council_managed", "£410 a week pays for Brightside's three calls a day."),
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
        budget=("direct_payment", "Pays Harriet for 12 hours a week, and the payroll service.",
                Decimal("860.00"), "four_weekly"),
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
        budget=("council_managed", "The council arranges the short breaks."),
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
        budget=("none", ""),
        management=("Kim and the worker arrange family time together.", "The worker "
                    "coordinates; Kim keeps a diary of how Ruby is after each visit."),
    ),
}
# fmt: on
