import { requireAdmin } from "../../api/context.ts";
import { paginate } from "../../api/pagination.ts";
import type { QueryResolvers } from "../../schema/generated/resolvers-types.ts";
import { auditTrail } from "../../services/audit.service.ts";

export const auditLog: QueryResolvers["auditLog"] = (_parent, args, ctx) => {
  requireAdmin(ctx);
  return paginate(
    "audit",
    args,
    (page) => auditTrail(ctx.deps, { target: args.target, ...page }),
    (entry) => entry.id,
  );
};
