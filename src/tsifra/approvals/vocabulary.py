"""The words an approval's data is made of, in one place, so that the flow, the geometry, the
pages and the figures agree on them (the database keeps them as plain strings)."""

from __future__ import annotations

# Kinds of works that need the network owners' approval: laying a new network, excavation works
# (земляные работы), connecting to a network, building near networks.
WORKS = ("new_network", "excavation", "connection", "near_networks")

# Kinds of networks an owner's zone protects.
NETWORKS = ("water", "sewer", "heat", "gas", "power", "telecom", "other")

# An owner's answer; "silence" is not an answer but the system recording consent by silence
# after the term lapsed where the region's terms say so.
DECISIONS = ("approved", "conditions", "refused")
SILENCE = "silence"
CONSENTS = ("approved", "conditions", SILENCE)

# A project's status, derived from its owners' current decisions.
STATUSES = ("under_review", "approved", "refused", "withdrawn")

# The case kind of an owner's approval on the case core.
CASE_KIND = "approval"
