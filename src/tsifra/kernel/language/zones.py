"""Words of network owners' zones and the search of the owners a geometry touches.

`WORDS` are labels and messages; `PROBLEMS` are located problems, by their stable code.
Keys start with `zone_` (owners' zones) or `geo_` (a location in GeoJSON)."""

WORDS: dict[str, tuple[str, str]] = {
    # tsifra approvals zones load / owners
    "zone_loaded": (
        "{file}: зон загружено {zones:,}, владельцев {owners:,}, прежних зон заменено {replaced:,}",
        "{file}: {zones:,} zones loaded, {owners:,} owners, {replaced:,} earlier zones replaced",
    ),
    "zone_no_owners": (
        "Геометрия не задевает ни одной зоны сетей",
        "The geometry touches no network zone",
    ),
    "zone_col_owner": ("Владелец", "Owner"),
    "zone_col_name": ("Наименование", "Name"),
    "zone_col_region": ("Регион", "Region"),
    "zone_col_network": ("Сеть", "Network"),
    "zone_col_zones": ("Зоны", "Zones"),
    # the kinds of networks (approvals.vocabulary.NETWORKS)
    "zone_network_water": ("водоснабжение", "water"),
    "zone_network_sewer": ("водоотведение", "sewer"),
    "zone_network_heat": ("теплоснабжение", "heat"),
    "zone_network_gas": ("газоснабжение", "gas"),
    "zone_network_power": ("электроснабжение", "power"),
    "zone_network_telecom": ("связь", "telecom"),
    "zone_network_other": ("прочие сети", "other networks"),
}

PROBLEMS: dict[str, tuple[str, str]] = {
    # a location as GeoJSON (approvals.geometry)
    "geo_not_json": ("Геометрия не читается как JSON", "The geometry cannot be read as JSON"),
    "geo_not_object": (
        "Ожидается объект GeoJSON с полем type",
        "A GeoJSON object with a type is expected",
    ),
    "geo_no_type": ("У геометрии не указан тип (type)", "The geometry has no type"),
    "geo_bad_type": (
        "Тип «{value}» не поддерживается: допустимы Point, LineString, Polygon и их Multi-формы",
        "Type «{value}» is not supported: Point, LineString, Polygon and their Multi forms are",
    ),
    "geo_not_one_feature": (
        "Ожидается один объект (Feature), а в коллекции их {value}",
        "One feature is expected, the collection holds {value}",
    ),
    "geo_no_geometry": ("У объекта нет геометрии", "The feature has no geometry"),
    "geo_not_list": ("Ожидается список координат", "A list of coordinates is expected"),
    "geo_empty": ("Список координат пуст", "The list of coordinates is empty"),
    "geo_bad_position": (
        "Точка «{value}»: ожидается [долгота, широта]",
        "Position «{value}»: [longitude, latitude] is expected",
    ),
    "geo_not_number": (
        "Точка «{value}»: координаты должны быть числами",
        "Position «{value}»: coordinates must be numbers",
    ),
    "geo_lon_out_of_range": (
        "Долгота {value} вне диапазона от −180 до 180 (WGS 84, сначала долгота)",
        "Longitude {value} is outside −180 to 180 (WGS 84, longitude first)",
    ),
    "geo_lat_out_of_range": (
        "Широта {value} вне диапазона от −90 до 90 (WGS 84, сначала долгота)",
        "Latitude {value} is outside −90 to 90 (WGS 84, longitude first)",
    ),
    "geo_too_many_vertices": (
        "В геометрии больше {limit:,} точек: упростите её",
        "The geometry has more than {limit:,} positions: simplify it",
    ),
    "geo_line_too_short": (
        "В линии должно быть не меньше двух точек",
        "A line needs at least two positions",
    ),
    "geo_ring_too_short": (
        "В контуре многоугольника должно быть не меньше четырёх точек",
        "A polygon's ring needs at least four positions",
    ),
    "geo_ring_open": (
        "Контур многоугольника не замкнут: последняя точка должна совпадать с первой",
        "The polygon's ring is open: its last position must equal its first",
    ),
    "geo_self_intersection": (
        "Контур многоугольника пересекает сам себя (около точки {value})",
        "The polygon's outline crosses itself (near {value})",
    ),
    "geo_invalid_polygon": (
        "Многоугольник построен неверно (около точки {value}): дыры вне контура или "
        "наложение частей",
        "The polygon is malformed (near {value}): holes outside its shell or parts overlapping",
    ),
    # a file of owners' zones (approvals.zones)
    "zone_not_collection": (
        "Файл зон должен быть коллекцией объектов GeoJSON (FeatureCollection)",
        "A file of zones must be a GeoJSON FeatureCollection",
    ),
    "zone_no_features": ("В файле нет ни одной зоны", "The file holds no zone"),
    "zone_not_feature": (
        "Ожидается объект GeoJSON типа Feature",
        "A GeoJSON object of type Feature is expected",
    ),
    "zone_missing_property": (
        "Не заполнено свойство зоны",
        "The zone's property is empty",
    ),
    "zone_bad_owner": (
        "Код владельца «{value}»: латинские буквы, цифры, «.», «-» и «_», до 64 знаков",
        "Owner code «{value}»: Latin letters, digits, «.», «-» and «_», up to 64 characters",
    ),
    "zone_bad_network": (
        "Вид сети «{value}» неизвестен; допустимые: {known}",
        "Unknown network «{value}»; known: {known}",
    ),
    "zone_bad_email": (
        "Адрес «{value}» не похож на адрес электронной почты",
        "«{value}» does not look like an e-mail address",
    ),
    "zone_too_long": (
        "Текст длиннее 500 знаков",
        "The text is longer than 500 characters",
    ),
    "zone_owner_differs": (
        "Владелец «{owner}» описан в файле по-разному: «{value}», а выше «{other}»",
        "Owner «{owner}» is described differently in the file: «{value}», above «{other}»",
    ),
    "zone_owner_other_region": (
        "Владелец «{value}» уже есть в регионе {other}",
        "Owner «{value}» already exists in region {other}",
    ),
    "zone_not_area": (
        "Зона должна быть многоугольником (Polygon или MultiPolygon), а не {value}",
        "A zone must be an area (Polygon or MultiPolygon), not {value}",
    ),
    "zone_no_postgis": (
        "Поиск средствами PostGIS недоступен: в базе нет таблицы форм зон",
        "The PostGIS search is unavailable: the database has no table of zone shapes",
    ),
}
