"""Tasks («поручения»): created for a region and an indicator, worked through their statuses."""
