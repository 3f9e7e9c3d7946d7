"""Charts as SVG strings (and the Sobol' plot as PNG/SVG), for pages, the PDF brief and the CLI."""
