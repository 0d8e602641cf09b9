;; A WebAssembly agent. Its only imports are aios syscalls and a little of WASI.
;; It opens a channel, sends itself five numbered messages, reads them back, prints a line
;; through WASI's fd_write (which lands in the agent log) and returns the sum of the numbers.
;;
;;   npm install                                   # builds examples/agents/build/counter.wasm
;;   npx aios run examples/agents/build/counter.wasm
(module
  (import "aios" "channel_create" (func $channel_create (param i32) (result i32)))
  (import "aios" "send" (func $send (param i32 i32 i32) (result i32)))
  (import "aios" "recv" (func $recv (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0: the two channel handles; 16: one-byte message buffer; 32: iovec; 64: text
  (data (i32.const 64) "counted five messages\n")
  (func (export "run") (result i32)
    (local $i i32)
    (local $sum i32)
    (if (i32.lt_s (call $channel_create (i32.const 0)) (i32.const 0)) (then (return (i32.const -1))))
    ;; send 1..5 on the first end
    (local.set $i (i32.const 1))
    (block $sent
      (loop $next
        (br_if $sent (i32.gt_u (local.get $i) (i32.const 5)))
        (i32.store8 (i32.const 16) (local.get $i))
        (drop (call $send (i32.load (i32.const 0)) (i32.const 16) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    ;; read five messages from the second end and add them up
    (local.set $i (i32.const 0))
    (block $read
      (loop $next
        (br_if $read (i32.ge_u (local.get $i) (i32.const 5)))
        (drop (call $recv (i32.load (i32.const 4)) (i32.const 16) (i32.const 1) (i32.const 0)))
        (local.set $sum (i32.add (local.get $sum) (i32.load8_u (i32.const 16))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
    ;; print through WASI: one iovec at 32 pointing at the text
    (i32.store (i32.const 32) (i32.const 64))
    (i32.store (i32.const 36) (i32.const 22))
    (drop (call $fd_write (i32.const 1) (i32.const 32) (i32.const 1) (i32.const 40)))
    (local.get $sum)))
