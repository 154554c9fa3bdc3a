import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isAppError } from '@xianjie/domain'
import { DOCM, DOCX, ELF, EXE, GIF, HTML, JPEG, PDF, PNG, SVG, TEXT, WEBP, XLSX, zip } from '../../../test/support/files.ts'
import { checkUpload, MAX_UPLOAD_BYTES, sniffMediaType, UPLOAD_MEDIA_TYPES, zipEntryNames } from './documents.ts'

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

function refusal(fn: () => unknown): { code: string; message: string } {
  try {
    fn()
  } catch (err) {
    if (isAppError(err)) return { code: err.code, message: err.message }
    throw err
  }
  throw new Error('expected a refusal')
}

describe('sniffing an upload from its bytes', () => {
  it('recognises every accepted type from real files', () => {
    const files: Array<[Buffer, string]> = [[PDF, 'application/pdf'], [PNG, 'image/png'], [JPEG, 'image/jpeg'], [GIF, 'image/gif'], [WEBP, 'image/webp'], [DOCX, DOCX_TYPE], [XLSX, XLSX_TYPE], [TEXT, 'text/plain']]
    for (const [bytes, type] of files) expect(sniffMediaType(bytes).mediaType, type).toBe(type)
    expect(Object.keys(UPLOAD_MEDIA_TYPES).sort()).toEqual(files.map(([, t]) => t).sort())
  })

  it('names what it found when it is not accepted: HTML, SVG, executables, macros, archives', () => {
    expect(sniffMediaType(HTML)).toEqual({ mediaType: null, what: 'an HTML page' })
    expect(sniffMediaType(SVG)).toEqual({ mediaType: null, what: 'an SVG image' })
    expect(sniffMediaType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ mediaType: null, what: 'an SVG image' })
    expect(sniffMediaType(Buffer.from('\ufeff  <!doctype HTML><p>x'))).toEqual({ mediaType: null, what: 'an HTML page' })
    expect(sniffMediaType(EXE)).toEqual({ mediaType: null, what: 'a Windows executable' })
    expect(sniffMediaType(ELF)).toEqual({ mediaType: null, what: 'an ELF executable' })
    expect(sniffMediaType(Buffer.from('#!/bin/sh\necho hi\n'))).toEqual({ mediaType: null, what: 'a script' })
    expect(sniffMediaType(DOCM)).toEqual({ mediaType: null, what: 'a macro-enabled Office document' })
    expect(sniffMediaType(zip({ 'a.txt': 'x' }))).toEqual({ mediaType: null, what: 'a ZIP archive' })
    expect(sniffMediaType(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toEqual({ mediaType: null, what: 'a legacy Office file (.doc/.xls, may carry macros)' })
    expect(sniffMediaType(Buffer.from([0x00, 0x01, 0x02, 0xff]))).toEqual({ mediaType: null, what: 'unrecognised binary data' })
    expect(sniffMediaType(Buffer.from([0xc3, 0x28]))).toEqual({ mediaType: null, what: 'unrecognised binary data' }) // not UTF-8
  })

  it('keeps text that merely starts like something else as text', () => {
    expect(sniffMediaType(Buffer.from('MZ公司询问笔录\n')).mediaType).toBe('text/plain')
    expect(sniffMediaType(Buffer.from('a < b, 2 > 1\n<not markup>\n')).mediaType).toBe('text/plain')
  })

  it('does not take a truncated signature or a damaged ZIP for a file', () => {
    expect(sniffMediaType(PNG.subarray(0, 10)).mediaType).toBeNull()
    expect(sniffMediaType(DOCX.subarray(0, DOCX.length - 30))).toEqual({ mediaType: null, what: 'a damaged ZIP archive' })
    expect(zipEntryNames(DOCX)).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml'])
  })

  it('answers for any bytes and never throws, damaged ZIP directories included', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 512 }), (bytes) => {
      const sniffed = sniffMediaType(bytes)
      expect(sniffed.what.length).toBeGreaterThan(0)
    }), { numRuns: 2_000 })
    // A real package with random bytes overwritten: the directory reader stays in bounds.
    fc.assert(fc.property(fc.array(fc.tuple(fc.nat({ max: DOCX.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.nat({ max: DOCX.length }), (edits, cut) => {
      const bytes = Buffer.from(DOCX.subarray(0, cut))
      for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value
      const names = zipEntryNames(bytes)
      expect(names === null || Array.isArray(names)).toBe(true)
      sniffMediaType(bytes)
    }), { numRuns: 2_000 })
  })
})

describe('checking an upload against its declared type', () => {
  it('accepts each real file under its own type, text with its charset', () => {
    expect(checkUpload('application/pdf', PDF)).toBe('application/pdf')
    expect(checkUpload('IMAGE/PNG', PNG)).toBe('image/png')
    expect(checkUpload(DOCX_TYPE, DOCX)).toBe(DOCX_TYPE)
    expect(checkUpload('text/plain; charset=UTF-8', TEXT)).toBe('text/plain; charset=utf-8')
    expect(checkUpload('text/plain', TEXT)).toBe('text/plain; charset=utf-8')
  })

  it('refuses with 415 bytes that are something else, naming both', () => {
    expect(refusal(() => checkUpload('image/png', PDF))).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'the content is a PDF document, not a PNG image as declared (image/png)' })
    expect(refusal(() => checkUpload('text/plain', HTML)).message).toBe('the content is an HTML page, not plain UTF-8 text as declared (text/plain); that kind of file is not accepted')
    expect(refusal(() => checkUpload('application/pdf', EXE)).message).toContain('the content is a Windows executable')
    expect(refusal(() => checkUpload(DOCX_TYPE, DOCM)).message).toContain('a macro-enabled Office document')
    expect(refusal(() => checkUpload(DOCX_TYPE, XLSX)).message).toBe(`the content is an Excel workbook (.xlsx), not a Word document (.docx) as declared (${DOCX_TYPE})`)
  })

  it('refuses with 415 a type not on the list, whatever the bytes', () => {
    for (const type of ['text/html', 'image/svg+xml', 'application/x-msdownload', 'application/zip', 'application/msword', 'nonsense']) {
      const r = refusal(() => checkUpload(type, type === 'text/html' ? HTML : PDF))
      expect(r.code, type).toBe('UNSUPPORTED_MEDIA_TYPE')
      expect(r.message).toContain('is not accepted for documents (accepted: application/pdf, image/png')
    }
    expect(refusal(() => checkUpload('text/plain; charset=gbk', TEXT))).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: 'text must be UTF-8, not charset gbk' })
  })

  it('refuses an empty file with 400 and one over 10 MiB with 413', () => {
    expect(refusal(() => checkUpload('application/pdf', Buffer.alloc(0))).code).toBe('VALIDATION_FAILED')
    const big = Buffer.concat([PDF, Buffer.alloc(MAX_UPLOAD_BYTES + 1 - PDF.length)])
    expect(refusal(() => checkUpload('application/pdf', big))).toEqual({ code: 'PAYLOAD_TOO_LARGE', message: `the document has ${MAX_UPLOAD_BYTES + 1} bytes; the limit is ${MAX_UPLOAD_BYTES} bytes (10 MiB)` })
    expect(checkUpload('application/pdf', big.subarray(0, MAX_UPLOAD_BYTES))).toBe('application/pdf')
  })
})
