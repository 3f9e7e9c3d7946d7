"""Words of the approvals' figures: times to the last answer, the region's page.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `afig_`."""

WORDS: dict[str, tuple[str, str]] = {
    # tsifra marts compute --from-approvals
    "afig_approvals_title": (
        "Формулы над согласованиями ({engine}, на {when:moment})",
        "Formulas over the approvals ({engine}, as of {when:moment})",
    ),
    "afig_one_source": (
        "--from-approvals не сочетается с папкой витрин, --from-platform и --from-registry",
        "--from-approvals goes with no folder of marts, --from-platform or --from-registry",
    ),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    "afig_no_projects": (
        "на платформе нет ни одного проекта на согласование, поданного до {when:moment}",
        "the platform holds no project filed for approval by {when:moment}",
    ),
}
