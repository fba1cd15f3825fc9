-- CreateTable
CREATE TABLE "ProposalAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "loanId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "answer" TEXT NOT NULL,
    "comment" TEXT,
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProposalAnswer_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProposalAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Volunteer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Volunteer_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Volunteer_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReinforcementRequest" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Loan" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "staffId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "fte10" INTEGER NOT NULL,
    "startWeek" DATETIME NOT NULL,
    "endWeek" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PROPOSED',
    "matchingRunId" TEXT,
    "explanation" JSONB,
    "decidedById" TEXT,
    "decidedAt" DATETIME,
    "note" TEXT,
    "plannedEndWeek" DATETIME,
    "manual" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Loan_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Loan_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReinforcementRequest" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Loan_matchingRunId_fkey" FOREIGN KEY ("matchingRunId") REFERENCES "MatchingRun" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Loan_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Loan" ("createdAt", "decidedAt", "decidedById", "endWeek", "explanation", "fte10", "id", "matchingRunId", "note", "plannedEndWeek", "requestId", "staffId", "startWeek", "status", "updatedAt") SELECT "createdAt", "decidedAt", "decidedById", "endWeek", "explanation", "fte10", "id", "matchingRunId", "note", "plannedEndWeek", "requestId", "staffId", "startWeek", "status", "updatedAt" FROM "Loan";
DROP TABLE "Loan";
ALTER TABLE "new_Loan" RENAME TO "Loan";
CREATE INDEX "Loan_status_startWeek_idx" ON "Loan"("status", "startWeek");
CREATE INDEX "Loan_staffId_status_idx" ON "Loan"("staffId", "status");
CREATE INDEX "Loan_requestId_status_idx" ON "Loan"("requestId", "status");
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
    "requireStaffAnswer" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Settings" ("capacityShares", "donorMaxLoad", "horizonWeeks", "id", "introductionMonths", "matchingDemand", "maxConcurrentLoans", "municipalityName", "recoveryMaxWeeks", "recoveryWindowWeeks", "staffMaxLoad", "updatedAt") SELECT "capacityShares", "donorMaxLoad", "horizonWeeks", "id", "introductionMonths", "matchingDemand", "maxConcurrentLoans", "municipalityName", "recoveryMaxWeeks", "recoveryWindowWeeks", "staffMaxLoad", "updatedAt" FROM "Settings";
DROP TABLE "Settings";
ALTER TABLE "new_Settings" RENAME TO "Settings";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "ProposalAnswer_loanId_userId_key" ON "ProposalAnswer"("loanId", "userId");

-- CreateIndex
CREATE INDEX "Volunteer_requestId_idx" ON "Volunteer"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_staffId_requestId_key" ON "Volunteer"("staffId", "requestId");
