"""Words of the registry's search: the query, facets and their counts, sorting.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code."""

WORDS: dict[str, tuple[str, str]] = {}

PROBLEMS: dict[str, tuple[str, str]] = {
    "psearch_query_too_long": (
        "поисковый запрос слишком длинный: не больше {limit} символов",
        "the search query is too long: {limit} characters at most",
    ),
    "psearch_too_many_values": (
        "выбрано слишком много значений: не больше {limit}",
        "too many values chosen: {limit} at most",
    ),
    "psearch_value_bad": (
        "значение фильтра «{value}» пустое или слишком длинное",
        "the filter value '{value}' is empty or too long",
    ),
    "psearch_value_unknown": (
        "неизвестное значение фильтра «{value}»",
        "unknown filter value '{value}'",
    ),
    "psearch_sort_unknown": (
        "неизвестный порядок «{value}»: effect, relevance, verified или title",
        "unknown sort order '{value}': effect, relevance, verified or title",
    ),
    "psearch_page_bad": (
        "номер страницы — целое число от 1",
        "the page number is a whole number from 1",
    ),
    "psearch_per_page_bad": (
        "на странице от 1 до {limit} практик",
        "a page holds from 1 to {limit} practices",
    ),
}
