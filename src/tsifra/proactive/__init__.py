"""Proactive services: rules over marts and registers that warn, open cases or propose approvals
before anyone asks, each notice and case saying which rule and which record caused it."""
