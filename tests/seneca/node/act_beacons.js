// A seneca 3 client acting on a beacons service over the seneca HTTP transport, as
// the interop tests run it: node act_beacons.js PORT [legacy|core]
// Prints one JSON object: for each step, {"result": ...} or {"error": ...}, where
// an error has seneca's code and message and the service's error body ("payload").
'use strict'
const port = Number(process.argv[2])
const core = process.argv[3] === 'core'
const options = { log: 'silent', timeout: 5000 }
if (core) options.legacy = { transport: false }
const seneca = require('seneca')(options)
seneca.client({ type: core ? 'web' : 'http', host: '127.0.0.1', port: port, pin: 'role:beacons', timeout: 5000 })

const beacon = {
  id: 'js1', site_id: '1', udi: 'JS001', label: 'From node',
  center: { type: 'Point', coordinates: [3, 4] }, radius: 7.5
}
const steps = [
  ['create', { cmd: 'create_beacon', correlation_id: 'js-create', beacon: beacon }],
  ['get', { cmd: 'get_beacon_by_id', correlation_id: 'js-get', beacon_id: 'js1' }],
  ['get_missing', { cmd: 'get_beacon_by_id', correlation_id: 'js-missing', beacon_id: 'nope' }],
  ['page', { cmd: 'get_beacons', correlation_id: 'js-page', filter: { site_id: '1' }, paging: { total: true } }],
  ['position', { cmd: 'calculate_position', correlation_id: 'js-pos', site_id: '1', udis: ['JS001'] }],
  ['validation', { cmd: 'create_beacon', correlation_id: 'js-invalid', beacon: { site_id: '1', type: 'submarine' } }],
  ['unknown_command', { cmd: 'no_such_command', correlation_id: 'js-unknown' }],
  ['huge', { cmd: 'create_beacon', correlation_id: 'js-huge', beacon: Object.assign({}, beacon, { id: 'js2', label: 'x'.repeat(2 << 20) }) }]
]

function describe (err) {
  // seneca-transport wraps a non-200 answer in its own error, the body under orig.data.payload;
  // the built-in transport makes the error from the body itself.
  const data = err.orig && err.orig.data
  const payload = core ? err : (data && data.payload) || null
  const pick = payload && {
    type: payload.type, category: payload.category, status: payload.status, code: payload.code,
    correlation_id: payload.correlation_id, details: payload.details, message: payload.message
  }
  return { seneca_code: err.code, message: err.message, payload: pick }
}

const out = {}
function next (index) {
  if (index >= steps.length) {
    console.log(JSON.stringify(out))
    seneca.close(function () { process.exit(0) })
    return
  }
  const [name, msg] = steps[index]
  seneca.act(Object.assign({ role: 'beacons' }, msg), function (err, result) {
    out[name] = err ? { error: describe(err) } : { result: result === undefined ? null : result }
    next(index + 1)
  })
}
seneca.ready(function () { next(0) })
