"""Words of the approvals' figures: times to the last answer, the region's page.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `afig_`."""

WORDS: dict[str, tuple[str, str]] = {
    # the region's page (/regions/{code}/approvals)
    "afig_region_link": ("Согласования и уведомления", "Approvals and notices"),
    "afig_title": (
        "Согласования и проактивные уведомления: {region}",
        "Approvals and proactive notices: {region}",
    ),
    "afig_as_of": ("Данные согласований на {when:moment}", "Approvals data as of {when:moment}"),
    "afig_projects": ("Проекты на согласовании: {n}", "Projects filed for approval: {n}"),
    "afig_times": (
        "Срок до последнего ответа владельцев сетей, дней (медиана)",
        "Time to the owners' last answer, days (median)",
    ),
    "afig_overall": ("Регион в целом", "The region overall"),
    "afig_by_owner": ("По владельцам сетей", "By network owner"),
    "afig_by_works": ("По видам работ", "By kind of works"),
    "afig_unit": ("Кто / что", "Who / what"),
    "afig_no_finished": (
        "Ни один проект региона ещё не согласован всеми владельцами сетей",
        "No project of the region has been approved by all its owners yet",
    ),
    "afig_rule": (
        "Медиана дней от подачи проекта до последнего ответа владельцев сетей (согласие, "
        "согласие с условиями или молчание как согласие по правилам региона), по кварталу, в "
        "котором проект согласован; после отказа срок идёт до ответа на доработку. По "
        "владельцу — от подачи до его собственного последнего ответа. Формула "
        "appr_median_days, та же, что в индексе.",
        "Median days from filing a project to its network owners' last answer (approval, "
        "approval with conditions, or silence as consent where the region's rule says so), by "
        "the quarter the project was approved in; after a refusal the time runs on to the "
        "answer to the revision. By owner: from filing to that owner's own last answer. "
        "Formula appr_median_days, the same as in the index.",
    ),
    "afig_backlog": ("Ждут ответа владельцев сетей", "Awaiting the owners' answer"),
    "afig_owner": ("Владелец сетей", "Network owner"),
    "afig_awaited": ("Ждут ответа", "Awaited"),
    "afig_no_backlog": ("Все запросы отвечены", "Every request has been answered"),
    "afig_notices": ("Последние проактивные уведомления", "Latest proactive notices"),
    "afig_issued": ("Выпущено", "Issued"),
    "afig_notice": ("Уведомление", "Notice"),
    "afig_place": ("Муниципалитет", "Municipality"),
    "afig_level": ("Уровень", "Level"),
    "afig_rule_code": ("Правило", "Rule"),
    "afig_no_notices": (
        "Правила региона ещё не выпустили ни одного уведомления",
        "The region's rules have issued no notice yet",
    ),
    "afig_proposals": (
        "Предложено инвесторам наборов согласований: {n} (адресаты не показываются)",
        "Sets of approvals proposed to investors: {n} (addressees are not shown)",
    ),
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
