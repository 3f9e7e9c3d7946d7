"""Table Schemas of the raw data marts that Tsifra's formulas read (`<mart>.schema.yaml`)."""
