"""What Tsifra hands to people: charts as SVG strings, used by the pages and the PDF brief alike."""
