-- CreateEnum
CREATE TYPE "ProposalAnswerKind" AS ENUM ('OK', 'OBJECTION');

-- CreateEnum
CREATE TYPE "ProposalAnswerRole" AS ENUM ('PERSON', 'LENDING_MANAGER');

-- AlterTable
ALTER TABLE "Loan" ADD COLUMN     "manual" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Settings" ADD COLUMN     "requireStaffAnswer" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ProposalAnswer" (
    "id" TEXT NOT NULL,
    "loanId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "ProposalAnswerRole" NOT NULL,
    "answer" "ProposalAnswerKind" NOT NULL,
    "comment" TEXT,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProposalAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Volunteer" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Volunteer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProposalAnswer_loanId_userId_key" ON "ProposalAnswer"("loanId", "userId");

-- CreateIndex
CREATE INDEX "Volunteer_requestId_idx" ON "Volunteer"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "Volunteer_staffId_requestId_key" ON "Volunteer"("staffId", "requestId");

-- AddForeignKey
ALTER TABLE "ProposalAnswer" ADD CONSTRAINT "ProposalAnswer_loanId_fkey" FOREIGN KEY ("loanId") REFERENCES "Loan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProposalAnswer" ADD CONSTRAINT "ProposalAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Volunteer" ADD CONSTRAINT "Volunteer_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "Staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Volunteer" ADD CONSTRAINT "Volunteer_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "ReinforcementRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;
