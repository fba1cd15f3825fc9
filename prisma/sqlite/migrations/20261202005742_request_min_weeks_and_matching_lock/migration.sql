-- AlterTable
ALTER TABLE "ReinforcementRequest" ADD COLUMN "minWeeks" INTEGER;

-- CreateTable
CREATE TABLE "MatchingRunLock" (
    "id" TEXT NOT NULL PRIMARY KEY DEFAULT 'matching',
    "startedById" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "timeLimitMs" INTEGER NOT NULL,
    "expiresAt" DATETIME NOT NULL
);
