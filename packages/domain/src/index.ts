export * from './errors.ts'
export * from './identifiers.ts'
export * from './actors.ts'
export * from './procedure.ts'
