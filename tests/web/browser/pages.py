"""Every page a person can open, and who opens it: the list the every-page checks walk.

A new page joins the checks with one line here. `role` is the login of the account to sign in as
(the browser database has one account per role, named after it), None for an anonymous visitor;
`status` is the answer the page is meant to give, so the error pages are checked too; `ready`
is a selector to wait for on a page that draws itself after loading. `{task}` in a path is the
id of a task the check creates first (the browser database starts with none); `{case}` and
`{token}` are the number and the tracking token of a citizen's appeal it files first;
`{practice}` is the id of a practice of RU-TA with a measured effect and two replications.
`{token}` are the number and the tracking token of a citizen's appeal it files first; `{plan}`
is a plan of RU-TA the check drafts first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str
    role: str | None = None
    status: int = 200
    ready: str | None = None

    @property
    def name(self) -> str:
        """A name for test ids and screenshot files: who, then the path as a slug."""
        slug = "".join(c if c.isalnum() else "-" for c in self.path.strip("/")).strip("-")
        return f"{self.role or 'anonymous'}-{slug or 'rating'}"


PAGES: tuple[Page, ...] = (
    Page("/"),
    Page("/?lang=en"),
    Page("/", "viewer"),
    Page("/regions/RU-TA"),
    Page("/regions/RU-TA", "operator"),
    Page("/regions/RU-TA", "analyst"),
    Page("/regions/RU-TA", "viewer"),
    Page("/regions/RU-TA?lang=en", "admin"),
    Page("/federal", "analyst"),
    Page("/federal?district=volga&lang=en", "viewer"),
    Page("/regions/RU-TA/submission", "operator"),
    Page("/regions/RU-TA/submission?lang=en", "analyst"),
    Page("/submissions", "admin"),
    Page("/regions/RU-TA/whatif?indicator1=gov_edo&target1=on"),
    Page("/regions/RU-TA/whatif?indicator1=gov_edo&value1=abc&lang=en", status=422),
    Page("/indicators/health_emr"),
    Page("/tasks", "operator"),
    Page("/tasks", "admin"),
    Page("/tasks/{task}", "operator"),
    Page("/tasks/{task}?lang=en", "analyst"),
    Page("/upload", "operator"),
    Page("/upload", "admin"),
    Page("/conflicts", "analyst"),
    Page("/conflicts?unit=RU-TA", "admin"),
    Page("/conflicts", "viewer", status=403),
    Page("/login"),
    Page("/login?lang=en"),
    Page("/api/docs", ready=".opblock"),
    Page("/no-such-page", status=404),
    Page("/regions/XX-XX", status=404),
    Page("/tasks?region=RU-MOW", "operator", status=403),
    Page("/appeals/new"),
    Page("/appeals/new?region=RU-TA&lang=en"),
    Page("/appeals/region/RU-TA"),
    Page("/appeals/case/{case}"),
    Page("/appeals/track/{token}"),
    Page("/appeals/case/999999", status=404),
    Page("/appeals/region/XX-XX", status=404),
    Page("/casework", "operator"),
    Page("/casework", "viewer", status=403),
    Page("/casework?region=RU-TA", "admin"),
    Page("/casework/{case}", "operator"),
    Page("/moderation", "admin"),
    Page("/moderation/cases/{case}", "analyst"),
    Page("/moderation/flag/{case}"),
    Page("/regions/RU-TA/feedback", "operator"),
    Page("/regions/RU-TA/feedback?lang=en", "analyst"),
    Page("/regions/RU-MOW/feedback", "operator", status=403),
    Page("/practices"),
    Page("/practices?sector=health&stage=pilot&lang=en"),
    Page("/practices?q=больница", "analyst"),
    Page("/practices/{practice}"),
    Page("/practices/{practice}", "operator"),
    Page("/practices/{practice}?lang=en", "admin"),
    Page("/practices/new", "analyst"),
    Page("/practices/new", "viewer", status=403),
    Page("/practices/{practice}/edit", "operator"),
    Page("/practices/{practice}/replications/new", "analyst"),
    Page("/practices/import", "admin"),
    Page("/practices/999999", status=404),
    Page("/regions/RU-TA/plans", "operator"),
    Page("/regions/RU-TA/plans?lang=en", "analyst"),
    Page("/regions/RU-MOW/plans", "operator", status=403),
    Page("/plans/{plan}", "operator"),
    Page("/plans/{plan}?lang=en", "viewer"),
    # A compensation case needs a rule's run over a register (no page files one): the paying
    # body's page is checked in tests/web/test_compensation_pages.py; here its 404.
    Page("/compensation/999999", "admin", status=404),
    # The browser database holds no agency rating: /agencies says so; the rated pages are
    # checked (axe, 390 px) by test_agency_rating.py on a database of its own.
    Page("/agencies"),
    Page("/agencies?lang=en", "viewer"),
    Page("/agencies/no-such-agency", status=404),
)
