// Resolver types from the SDL: `npm run gql:generate` (the typecheck runs it).
// Mappers name the shapes the domain functions return, so a resolver's
// parent is what the domain layer gave, not the GraphQL type.
import type { CodegenConfig } from '@graphql-codegen/cli'

const config: CodegenConfig = {
  schema: 'graphql/schema/*.graphql',
  generates: {
    'graphql/generated/resolvers-types.ts': {
      plugins: ['typescript', 'typescript-resolvers'],
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        contextType: '../context.server#GraphQLContext',
        scalars: { Date: 'Date', DateTime: 'Date', JSON: 'unknown' },
        mappers: {
          User: '../parents#UserParent',
          Unit: '../parents#UnitParent',
          Situation: '../parents#SituationParent',
          StaffConnection: '../parents#StaffConnectionParent',
          StaffMember: '../parents#StaffParent',
          StaffSkill: '../parents#StaffSkillParent',
          Skill: '../parents#SkillParent',
          Absence: '../parents#AbsenceParent',
          ReinforcementRequest: '../parents#RequestParent',
          RequiredSkill: '../parents#RequiredSkillParent',
          Loan: '../parents#LoanParent',
          MatchingRun: '../parents#MatchingRunParent',
          CaseType: '../parents-workload#CaseTypeParent',
          CaseCount: '../parents-workload#CaseCountParent',
          WeeklyReport: '../parents-workload#WeeklyReportParent',
          FollowUp: '../parents-workload#FollowUpParent',
          StaffWeeksLent: '../parents-workload#StaffWeeksLentParent',
        },
      },
    },
  },
}

export default config
