"""The governor's dashboard in data: a region's profile, one indicator across regions."""
