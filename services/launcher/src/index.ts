export { startXianjie, type Xianjie } from './start.ts'
