"""Who may do what in the self-assessment (decided for issue 12, documented in docs/zelfevaluatie.md).

* **beleid** organises: starts a round, adds participants, enters the scores of partners (who have no
  account), closes the round, adds improvement actions and exports.
* **teamleider** and **coördinator** (management) see every round's results and fill in their own form
  when they take part.
* **medewerker** fills in their own form when they take part and sees the results of rounds they take
  part in.
* Anyone of these four roles can own an improvement action: it is on their worklist and they can set
  its status.
* **vakafdeling**, **functioneel beheer** and **privacy officer** have no part in it (403).
"""

from stevig.accounts.models import Role

ORGANISER = Role.POLICY
MANAGEMENT = (Role.TEAM_LEAD, Role.COORDINATOR)
VIEW_ROLES = (Role.POLICY, Role.TEAM_LEAD, Role.COORDINATOR, Role.WORKER)
ACTION_OWNER_ROLES = VIEW_ROLES
