// The State Council's yearly holiday notices (国务院办公厅关于…年部分节假日安排的通知), 2020–2026,
// as published. Each block lists every day off, including the weekend days inside it; the
// workdays are the weekend days declared working days (调休上班日).
//
// Statutory holidays (全国年节及纪念日放假办法 art. 2) were 11 days a year until 2024. The revision
// by State Council Decree No. 795 (国务院令第795号, 2024-11-10, in force 2025-01-01) added 2:
// 农历除夕 and 5月2日, so from 2025 the Spring Festival block starts on 除夕 and Labour Day has 2
// statutory days. Only the notices below decide which dates are off; that rule explains their shape.

import { addDays, dayNumber } from './dates.ts'

/** One holiday block of a notice (e.g. 春节 2025-01-28 … 2025-02-04). */
export interface HolidayBlock {
  name: string
  nameZh: string
  /** Every day off in the block, weekend days included, `YYYY-MM-DD`. */
  dates: string[]
}

/** A later State Council notice that changed a year's arrangement (e.g. the 2020 Spring Festival extension). */
export interface NoticeAmendment {
  id: string
  title: string
  issued: string
}

/**
 * A year's holiday notice as data. The JSON file accepted by `loadNoticeFile` has this shape.
 * Dates may reach back into the last week of December of the year before, where a notice's
 * New Year block or make-up workday begins (the 2023 notice starts 元旦 on 2022-12-31).
 */
export interface HolidayNotice {
  year: number
  /** Document number, e.g. `国办发明电〔2024〕12号`. */
  id: string
  title: string
  /** Date on the document, `YYYY-MM-DD`. */
  issued: string
  holidays: HolidayBlock[]
  /** Make-up workdays (调休上班日): weekend days that are working days. */
  workdays: string[]
  /** Later notices already applied to `holidays` and `workdays`. */
  amendedBy?: NoticeAmendment[]
}

function span(from: string, to: string): string[] {
  const days: string[] = []
  for (let d = from; dayNumber(d) <= dayNumber(to); d = addDays(d, 1)) days.push(d)
  return days
}

const NEW_YEAR = { name: "New Year's Day", nameZh: '元旦' }
const SPRING = { name: 'Spring Festival', nameZh: '春节' }
const QINGMING = { name: 'Qingming Festival', nameZh: '清明节' }
const LABOUR = { name: 'Labour Day', nameZh: '劳动节' }
const DRAGON_BOAT = { name: 'Dragon Boat Festival', nameZh: '端午节' }
const MID_AUTUMN = { name: 'Mid-Autumn Festival', nameZh: '中秋节' }
const NATIONAL = { name: 'National Day', nameZh: '国庆节' }

/** The shipped notices, 2020–2026, oldest first. */
export const HOLIDAY_NOTICES: readonly HolidayNotice[] = [
  {
    year: 2020,
    id: '国办发明电〔2019〕16号',
    title: '国务院办公厅关于2020年部分节假日安排的通知',
    issued: '2019-11-21',
    holidays: [
      { ...NEW_YEAR, dates: ['2020-01-01'] },
      // 1月24日至30日, extended to 2月2日 by 国办发明电〔2020〕1号, which also cancels the 2月1日 make-up day.
      { ...SPRING, dates: span('2020-01-24', '2020-02-02') },
      { ...QINGMING, dates: span('2020-04-04', '2020-04-06') },
      { ...LABOUR, dates: span('2020-05-01', '2020-05-05') },
      { ...DRAGON_BOAT, dates: span('2020-06-25', '2020-06-27') },
      { name: 'National Day and Mid-Autumn Festival', nameZh: '国庆节、中秋节', dates: span('2020-10-01', '2020-10-08') },
    ],
    workdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
    amendedBy: [{ id: '国办发明电〔2020〕1号', title: '国务院办公厅关于延长2020年春节假期的通知', issued: '2020-01-26' }],
  },
  {
    year: 2021,
    id: '国办发明电〔2020〕27号',
    title: '国务院办公厅关于2021年部分节假日安排的通知',
    issued: '2020-11-25',
    holidays: [
      { ...NEW_YEAR, dates: span('2021-01-01', '2021-01-03') },
      { ...SPRING, dates: span('2021-02-11', '2021-02-17') },
      { ...QINGMING, dates: span('2021-04-03', '2021-04-05') },
      { ...LABOUR, dates: span('2021-05-01', '2021-05-05') },
      { ...DRAGON_BOAT, dates: span('2021-06-12', '2021-06-14') },
      { ...MID_AUTUMN, dates: span('2021-09-19', '2021-09-21') },
      { ...NATIONAL, dates: span('2021-10-01', '2021-10-07') },
    ],
    workdays: ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09'],
  },
  {
    year: 2022,
    id: '国办发明电〔2021〕11号',
    title: '国务院办公厅关于2022年部分节假日安排的通知',
    issued: '2021-10-25',
    holidays: [
      { ...NEW_YEAR, dates: span('2022-01-01', '2022-01-03') },
      { ...SPRING, dates: span('2022-01-31', '2022-02-06') },
      { ...QINGMING, dates: span('2022-04-03', '2022-04-05') },
      { ...LABOUR, dates: span('2022-04-30', '2022-05-04') },
      { ...DRAGON_BOAT, dates: span('2022-06-03', '2022-06-05') },
      { ...MID_AUTUMN, dates: span('2022-09-10', '2022-09-12') },
      { ...NATIONAL, dates: span('2022-10-01', '2022-10-07') },
    ],
    workdays: ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09'],
  },
  {
    year: 2023,
    id: '国办发明电〔2022〕16号',
    title: '国务院办公厅关于2023年部分节假日安排的通知',
    issued: '2022-12-08',
    holidays: [
      { ...NEW_YEAR, dates: span('2022-12-31', '2023-01-02') },
      { ...SPRING, dates: span('2023-01-21', '2023-01-27') },
      { ...QINGMING, dates: ['2023-04-05'] },
      { ...LABOUR, dates: span('2023-04-29', '2023-05-03') },
      { ...DRAGON_BOAT, dates: span('2023-06-22', '2023-06-24') },
      { name: 'Mid-Autumn Festival and National Day', nameZh: '中秋节、国庆节', dates: span('2023-09-29', '2023-10-06') },
    ],
    workdays: ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08'],
  },
  {
    year: 2024,
    id: '国办发明电〔2023〕7号',
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    issued: '2023-10-25',
    holidays: [
      // "1月1日放假，与周末连休": the block is the weekend before it plus 1月1日.
      { ...NEW_YEAR, dates: span('2023-12-30', '2024-01-01') },
      // 除夕 (2月9日) was only "encouraged" as a day off, not declared one.
      { ...SPRING, dates: span('2024-02-10', '2024-02-17') },
      { ...QINGMING, dates: span('2024-04-04', '2024-04-06') },
      { ...LABOUR, dates: span('2024-05-01', '2024-05-05') },
      { ...DRAGON_BOAT, dates: span('2024-06-08', '2024-06-10') },
      { ...MID_AUTUMN, dates: span('2024-09-15', '2024-09-17') },
      { ...NATIONAL, dates: span('2024-10-01', '2024-10-07') },
    ],
    workdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
  },
  {
    year: 2025,
    id: '国办发明电〔2024〕12号',
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    issued: '2024-11-12',
    holidays: [
      { ...NEW_YEAR, dates: ['2025-01-01'] },
      { ...SPRING, dates: span('2025-01-28', '2025-02-04') },
      { ...QINGMING, dates: span('2025-04-04', '2025-04-06') },
      { ...LABOUR, dates: span('2025-05-01', '2025-05-05') },
      { ...DRAGON_BOAT, dates: span('2025-05-31', '2025-06-02') },
      { name: 'National Day and Mid-Autumn Festival', nameZh: '国庆节、中秋节', dates: span('2025-10-01', '2025-10-08') },
    ],
    workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    id: '国办发明电〔2025〕7号',
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    issued: '2025-11-04',
    holidays: [
      { ...NEW_YEAR, dates: span('2026-01-01', '2026-01-03') },
      { ...SPRING, dates: span('2026-02-15', '2026-02-23') },
      { ...QINGMING, dates: span('2026-04-04', '2026-04-06') },
      { ...LABOUR, dates: span('2026-05-01', '2026-05-05') },
      { ...DRAGON_BOAT, dates: span('2026-06-19', '2026-06-21') },
      { ...MID_AUTUMN, dates: span('2026-09-25', '2026-09-27') },
      { ...NATIONAL, dates: span('2026-10-01', '2026-10-07') },
    ],
    workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
]
