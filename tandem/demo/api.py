"""The demo's system using the API: a service account "Demo health partner" in the adults'
team, with a fixed token printed by load_demo and given in the README, so a newcomer can try the
API with curl at once. The token is public: never load the demo into a live system."""

from tandem.accounts.models import Organisation, Role, Team, User
from tandem.demo.people import NORTH
from tandem.interop.services import api_token_create, service_account_create

DEMO_API_TOKEN = "tdm_demo-health-partner-token-not-secret"


def create_api_access(*, organisation: Organisation, teams: dict[str, Team], admin: User) -> str:
    account = service_account_create(
        organisation=organisation,
        actor=admin,
        name="Demo health partner",
        role=Role.SOCIAL_WORKER,
        teams=[teams[NORTH]],
        contact_email="health-partner@example.org",
    )
    api_token_create(
        account=account,
        actor=admin,
        name="Demo token (published in the README)",
        key=DEMO_API_TOKEN,
    )
    return DEMO_API_TOKEN
