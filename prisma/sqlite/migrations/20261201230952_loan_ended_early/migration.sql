-- AlterTable
ALTER TABLE "Loan" ADD COLUMN "plannedEndWeek" DATETIME;
