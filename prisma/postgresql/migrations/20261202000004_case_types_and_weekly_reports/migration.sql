-- CreateEnum
CREATE TYPE "MatchingDemand" AS ENUM ('FORECAST', 'CURRENT');

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "capacityShares" TEXT NOT NULL DEFAULT '50,50,50,75,75,75',
ADD COLUMN     "matchingDemand" "MatchingDemand" NOT NULL DEFAULT 'FORECAST',
ADD COLUMN     "municipalityName" TEXT NOT NULL DEFAULT 'Kommunen';

-- AlterTable
ALTER TABLE "Staff" ADD COLUMN     "caseloadPoints" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "caseloadUpdatedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Unit" ADD COLUMN     "casePoints" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "UnitCaseload" ADD COLUMN     "carriedForward" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "counts" JSONB,
ADD COLUMN     "figuresAt" TIMESTAMP(3),
ADD COLUMN     "points" DOUBLE PRECISION NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "CaseType" (
    "id" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaseType_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UnitCaseCount" (
    "unitId" TEXT NOT NULL,
    "caseTypeId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "UnitCaseCount_pkey" PRIMARY KEY ("unitId","caseTypeId")
);

-- CreateTable
CREATE TABLE "StaffCaseCount" (
    "staffId" TEXT NOT NULL,
    "caseTypeId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "StaffCaseCount_pkey" PRIMARY KEY ("staffId","caseTypeId")
);

-- CreateTable
CREATE TABLE "CaseloadProposal" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseloadProposal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WeeklyReport" (
    "id" TEXT NOT NULL,
    "weekStart" TIMESTAMP(3) NOT NULL,
    "figures" JSONB,
    "archivedAt" TIMESTAMP(3),
    "comment" TEXT,
    "commentedById" TEXT,
    "commentedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "WeeklyReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CaseType_areaId_position_idx" ON "CaseType"("areaId", "position");

-- CreateIndex
CREATE INDEX "UnitCaseCount_caseTypeId_idx" ON "UnitCaseCount"("caseTypeId");

-- CreateIndex
CREATE INDEX "StaffCaseCount_caseTypeId_idx" ON "StaffCaseCount"("caseTypeId");

-- CreateIndex
CREATE UNIQUE INDEX "CaseloadProposal_staffId_key" ON "CaseloadProposal"("staffId");

-- CreateIndex
CREATE UNIQUE INDEX "WeeklyReport_weekStart_key" ON "WeeklyReport"("weekStart");

-- AddForeignKey
ALTER TABLE "CaseType" ADD CONSTRAINT "CaseType_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitCaseCount" ADD CONSTRAINT "UnitCaseCount_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UnitCaseCount" ADD CONSTRAINT "UnitCaseCount_caseTypeId_fkey" FOREIGN KEY ("caseTypeId") REFERENCES "CaseType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffCaseCount" ADD CONSTRAINT "StaffCaseCount_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StaffCaseCount" ADD CONSTRAINT "StaffCaseCount_caseTypeId_fkey" FOREIGN KEY ("caseTypeId") REFERENCES "CaseType"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseloadProposal" ADD CONSTRAINT "CaseloadProposal_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WeeklyReport" ADD CONSTRAINT "WeeklyReport_commentedById_fkey" FOREIGN KEY ("commentedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Existing data: every area gets one case type of weight 1, and every count so
-- far becomes a count of that type, so points equal counts and no load moves.
INSERT INTO "CaseType" ("id", "areaId", "nameSv", "nameEn", "weight", "position", "updatedAt")
SELECT 'ct-' || "id", "id", 'Ärenden', 'Cases', 1, 0, CURRENT_TIMESTAMP FROM "Area";
INSERT INTO "UnitCaseCount" ("unitId", "caseTypeId", "count")
SELECT "id", 'ct-' || "areaId", "openCases" FROM "Unit" WHERE "openCases" > 0;
UPDATE "Unit" SET "casePoints" = "openCases";
INSERT INTO "StaffCaseCount" ("staffId", "caseTypeId", "count")
SELECT s."id", 'ct-' || u."areaId", s."caseload" FROM "Staff" s JOIN "Unit" u ON u."id" = s."unitId" WHERE s."caseload" > 0;
UPDATE "Staff" SET "caseloadPoints" = "caseload";
UPDATE "UnitCaseload" AS h SET "points" = h."openCases", "counts" = jsonb_build_object('ct-' || u."areaId", h."openCases")
FROM "Unit" u WHERE u."id" = h."unitId";
