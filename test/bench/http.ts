// A minimal JSON client over node:http with keep-alive: the benchmark's own, so its
// overhead stays small and known (one socket per in-flight request, reused).
import http from 'node:http'

export interface JsonResponse {
  status: number
  body: any
}

export class HttpClient {
  readonly agent: http.Agent
  readonly host: string
  readonly port: number

  constructor(baseUrl: string, maxSockets: number) {
    const u = new URL(baseUrl)
    this.host = u.hostname
    this.port = Number(u.port)
    this.agent = new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' })
  }

  request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<JsonResponse> {
    const payload = body === undefined ? undefined : JSON.stringify(body)
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: this.host,
          port: this.port,
          method,
          path,
          agent: this.agent,
          headers: {
            accept: 'application/json',
            ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8')
            let parsed: unknown = text
            if (text.length > 0 && (res.headers['content-type'] ?? '').includes('json')) {
              try {
                parsed = JSON.parse(text)
              } catch {
                parsed = text
              }
            }
            resolve({ status: res.statusCode ?? 0, body: parsed })
          })
          res.on('error', reject)
        },
      )
      req.on('error', reject)
      if (payload !== undefined) req.write(payload)
      req.end()
    })
  }

  close(): void {
    this.agent.destroy()
  }
}
