"""The words an approval's data is made of, in one place, so that the flow, the geometry, the
pages and the figures agree on them (the database keeps them as plain strings)."""

from __future__ import annotations

from tsifra.kernel.language import word_key

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

# Their catalogue keys, for every shell and notice that names them to a reader.
STATUS_NAMES = {
    "under_review": word_key("appr_status_under_review"),
    "approved": word_key("appr_status_approved"),
    "refused": word_key("appr_status_refused"),
    "withdrawn": word_key("appr_status_withdrawn"),
}
WORKS_NAMES = {
    "new_network": word_key("appr_works_new_network"),
    "excavation": word_key("appr_works_excavation"),
    "connection": word_key("appr_works_connection"),
    "near_networks": word_key("appr_works_near_networks"),
}
DECISION_NAMES = {
    None: word_key("appr_decision_awaited"),  # not decided yet
    "approved": word_key("appr_decision_approved"),
    "conditions": word_key("appr_decision_conditions"),
    "refused": word_key("appr_decision_refused"),
    "silence": word_key("appr_decision_silence"),
}
EVENT_NAMES = {
    "sent": word_key("appr_event_sent"),
    "answered": word_key("appr_event_answered"),
    "lapsed": word_key("appr_event_lapsed"),
    "revised": word_key("appr_event_revised"),
    "withdrawn": word_key("appr_event_withdrawn"),
}
