"""Documents Tsifra hands to people: the PDF brief and the XLSX workbooks."""
