"""People, their circles of support and safeguarding referrals are deliberately not in the admin.

They are personal (often sensitive) data: they are reached only through the people pages, which
check who may see each record (tandem.accounts.access) and write the audit trail
(tandem/people/services.py). Administrators manage organisations, teams and users only
(tandem/accounts/admin.py). Don't register these models here.
"""
