"""Raw data marts: Table Schemas, checks, the engines formulas run on, the formulas, and
publishing their results as indicator values («витрина данных вместо отчётов»)."""
