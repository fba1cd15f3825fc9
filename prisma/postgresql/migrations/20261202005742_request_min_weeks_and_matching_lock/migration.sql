-- AlterTable
ALTER TABLE "ReinforcementRequest" ADD COLUMN     "minWeeks" INTEGER;

-- CreateTable
CREATE TABLE "MatchingRunLock" (
    "id" TEXT NOT NULL DEFAULT 'matching',
    "startedById" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "timeLimitMs" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MatchingRunLock_pkey" PRIMARY KEY ("id")
);
