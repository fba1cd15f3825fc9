-- CreateTable
CREATE TABLE "CaseType" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "areaId" TEXT NOT NULL,
    "nameSv" TEXT NOT NULL,
    "nameEn" TEXT NOT NULL,
    "weight" REAL NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CaseType_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UnitCaseCount" (
    "unitId" TEXT NOT NULL,
    "caseTypeId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("unitId", "caseTypeId"),
    CONSTRAINT "UnitCaseCount_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UnitCaseCount_caseTypeId_fkey" FOREIGN KEY ("caseTypeId") REFERENCES "CaseType" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "StaffCaseCount" (
    "staffId" TEXT NOT NULL,
    "caseTypeId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("staffId", "caseTypeId"),
    CONSTRAINT "StaffCaseCount_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StaffCaseCount_caseTypeId_fkey" FOREIGN KEY ("caseTypeId") REFERENCES "CaseType" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseloadProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CaseloadProposal_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "WeeklyReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "weekStart" DATETIME NOT NULL,
    "figures" JSONB,
    "archivedAt" DATETIME,
    "comment" TEXT,
    "commentedById" TEXT,
    "commentedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WeeklyReport_commentedById_fkey" FOREIGN KEY ("commentedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Settings" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'default',
    "introductionMonths" INTEGER NOT NULL DEFAULT 6,
    "recoveryMaxWeeks" INTEGER NOT NULL DEFAULT 12,
    "recoveryWindowWeeks" INTEGER NOT NULL DEFAULT 26,
    "horizonWeeks" INTEGER NOT NULL DEFAULT 12,
    "staffMaxLoad" REAL NOT NULL DEFAULT 1.0,
    "donorMaxLoad" REAL NOT NULL DEFAULT 0.9,
    "maxConcurrentLoans" INTEGER NOT NULL DEFAULT 1,
    "capacityShares" TEXT NOT NULL DEFAULT '50,50,50,75,75,75',
    "matchingDemand" TEXT NOT NULL DEFAULT 'FORECAST',
    "municipalityName" TEXT NOT NULL DEFAULT 'Kommunen',
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Settings" ("donorMaxLoad", "horizonWeeks", "id", "introductionMonths", "maxConcurrentLoans", "recoveryMaxWeeks", "recoveryWindowWeeks", "staffMaxLoad", "updatedAt") SELECT "donorMaxLoad", "horizonWeeks", "id", "introductionMonths", "maxConcurrentLoans", "recoveryMaxWeeks", "recoveryWindowWeeks", "staffMaxLoad", "updatedAt" FROM "Settings";
DROP TABLE "Settings";
ALTER TABLE "new_Settings" RENAME TO "Settings";
CREATE TABLE "new_Staff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "fte10" INTEGER NOT NULL,
    "caseload" INTEGER NOT NULL DEFAULT 0,
    "caseloadPoints" REAL NOT NULL DEFAULT 0,
    "caseloadUpdatedAt" DATETIME,
    "hireDate" DATETIME NOT NULL,
    "lendingConsent" BOOLEAN NOT NULL DEFAULT false,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Staff_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Staff" ("active", "caseload", "createdAt", "email", "firstName", "fte10", "hireDate", "id", "lastName", "lendingConsent", "title", "unitId", "updatedAt") SELECT "active", "caseload", "createdAt", "email", "firstName", "fte10", "hireDate", "id", "lastName", "lendingConsent", "title", "unitId", "updatedAt" FROM "Staff";
DROP TABLE "Staff";
ALTER TABLE "new_Staff" RENAME TO "Staff";
CREATE UNIQUE INDEX "Staff_email_key" ON "Staff"("email");
CREATE INDEX "Staff_unitId_idx" ON "Staff"("unitId");
CREATE INDEX "Staff_lastName_firstName_id_idx" ON "Staff"("lastName", "firstName", "id");
CREATE INDEX "Staff_id_active_idx" ON "Staff"("id", "active");
CREATE TABLE "new_Unit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "casesPerFte" REAL,
    "openCases" INTEGER NOT NULL DEFAULT 0,
    "casePoints" REAL NOT NULL DEFAULT 0,
    "openCasesUpdatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Unit_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Unit" ("areaId", "casesPerFte", "code", "createdAt", "id", "name", "openCases", "openCasesUpdatedAt", "updatedAt") SELECT "areaId", "casesPerFte", "code", "createdAt", "id", "name", "openCases", "openCasesUpdatedAt", "updatedAt" FROM "Unit";
DROP TABLE "Unit";
ALTER TABLE "new_Unit" RENAME TO "Unit";
CREATE UNIQUE INDEX "Unit_code_key" ON "Unit"("code");
CREATE INDEX "Unit_areaId_idx" ON "Unit"("areaId");
CREATE TABLE "new_UnitCaseload" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL,
    "weekStart" DATETIME NOT NULL,
    "openCases" INTEGER NOT NULL,
    "points" REAL NOT NULL DEFAULT 0,
    "counts" JSONB,
    "staffFte" REAL NOT NULL,
    "carriedForward" BOOLEAN NOT NULL DEFAULT false,
    "figuresAt" DATETIME,
    CONSTRAINT "UnitCaseload_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_UnitCaseload" ("id", "openCases", "staffFte", "unitId", "weekStart") SELECT "id", "openCases", "staffFte", "unitId", "weekStart" FROM "UnitCaseload";
DROP TABLE "UnitCaseload";
ALTER TABLE "new_UnitCaseload" RENAME TO "UnitCaseload";
CREATE UNIQUE INDEX "UnitCaseload_unitId_weekStart_key" ON "UnitCaseload"("unitId", "weekStart");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
UPDATE "UnitCaseload" SET "points" = "openCases",
  "counts" = (SELECT json_object('ct-' || u."areaId", "UnitCaseload"."openCases") FROM "Unit" u WHERE u."id" = "UnitCaseload"."unitId");
