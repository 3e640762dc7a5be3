// A seneca 3 service for the interop tests: the actions role:math,cmd:*, listening
// on a free loopback port, printed as "READY <port>". Run: node math_service.js [legacy|core]
// legacy: the default transport (seneca-transport, type 'http');
// core: seneca's built-in transport (legacy.transport false, type 'web', meta$ in bodies).
'use strict'
const core = process.argv[2] === 'core'
const seneca = require('seneca')(core ? { log: 'silent', legacy: { transport: false } } : { log: 'silent' })

seneca.add('role:math,cmd:sum', function (msg, reply) {
  reply(null, { answer: msg.left + msg.right, correlation_id: msg.correlation_id })
})
seneca.add('role:math,cmd:echo', function (msg, reply) {
  reply(null, { fields: seneca.util.clean(msg) })
})
seneca.add('role:math,cmd:list', function (msg, reply) {
  reply(null, [1, 2, 3])
})
seneca.add('role:math,cmd:none', function (msg, reply) {
  reply()
})
seneca.add('role:math,cmd:fail', function (msg, reply) {
  const error = new Error('left must be positive')
  error.code = 'NEGATIVE_LEFT'
  error.details = { left: msg.left }
  reply(error)
})
seneca.add('role:math,cmd:slow', function (msg, reply) {
  setTimeout(function () { reply(null, { late: true }) }, 3000)
})

seneca.ready(function () {
  // What seneca.listen({type: 'http'}) resolves to ('http' is an alias of 'web'), with the port chosen by the OS.
  const config = { type: 'web', host: '127.0.0.1', port: 0, path: '/act' }
  seneca.act({ role: 'transport', cmd: 'listen', config: config }, function (err, out) {
    if (err) {
      console.error(err.message)
      process.exit(1)
    }
    console.log('READY ' + out.port)
  })
})
