"""Infrastructure approvals («ВсеСети»): network owners' zones, projects and each owner's answer.

A project sends one case of kind `approval` to every owner whose zone its geometry touches; the
owners answer on the case core (`cases`) within terms in working days set per kind of works.
"""
