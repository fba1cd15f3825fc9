-- DropIndex
DROP INDEX "StaffSkill_skillId_level_idx";

-- CreateIndex
CREATE INDEX "Staff_id_active_idx" ON "Staff"("id", "active");

-- CreateIndex
CREATE INDEX "StaffSkill_skillId_level_validUntil_staffId_idx" ON "StaffSkill"("skillId", "level", "validUntil", "staffId");
