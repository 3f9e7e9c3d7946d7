# TEMPORARY STUB
def body_queue(*a, **k):
    raise NotImplementedError


triage_queue = body_queue
