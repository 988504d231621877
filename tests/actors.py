"""Who acts in the tests: the command line's system actor, and clerks at two counters."""

from models.core.actor import Actor, system_actor

SYSTEM = system_actor("T1")
CLERK = Actor(7, "li", "clerk", "T1", "李经办")
CLERK_A = Actor(8, "clerk_a", "clerk", "T1", "甲窗口")
CLERK_B = Actor(9, "clerk_b", "clerk", "T2", "乙窗口")
WANG = Actor(10, "wang", "clerk", "T2", "王经办")
SUPERVISOR = Actor(11, "zhao", "supervisor", "T1", "赵审核")
ADMIN = Actor(2, "admin", "admin", "T1", "管理员")
