-- AlterEnum
ALTER TYPE "LoanStatus" ADD VALUE 'ENDED_EARLY';

-- AlterTable
ALTER TABLE "Loan" ADD COLUMN     "plannedEndWeek" TIMESTAMP(3);
