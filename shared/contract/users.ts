import { z } from 'zod';
import { ROLES } from '../roles';

export const RoleSchema = z.enum(ROLES);

/** Staff as the UI sees them: enough to pick who is acting; never customer data. */
export const StaffUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
});
export type StaffUser = z.infer<typeof StaffUserSchema>;

export const usersProcedures = {
  'users.list': {
    input: z.strictObject({ role: RoleSchema.optional() }),
    output: z.array(StaffUserSchema),
  },
};
