-- DropIndex
DROP INDEX "Staff_lastName_firstName_idx";

-- CreateIndex
CREATE INDEX "Staff_lastName_firstName_id_idx" ON "Staff"("lastName", "firstName", "id");
