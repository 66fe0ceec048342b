"""Signing in (issue 9): lockout after failures, a second factor for staff, sessions that end.

- rules.py: who needs a second factor, when a session has run out (pure functions).
- sessions.py: what a sign-in keeps in the session, written and read in one place.
- services.py: the audited steps (signed in, enrolled, recovery codes, unlocked, settings).
- middleware.py: sessions that end, the second factor before any page, no caching of pages.
- views.py / urls.py: the sign-in, second-factor, recovery-code, unlock and settings pages.
"""
