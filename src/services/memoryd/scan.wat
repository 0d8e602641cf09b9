;; memoryd's vector scans in WebAssembly SIMD (128-bit lanes): the two loops that touch every
;; candidate of a search. Compiled to scan-wasm.ts by `node scripts/build-memoryd-wasm.ts`; a
;; test checks that the two agree. The caller (scan.ts) lays out the linear memory and grows it.
(module
  (memory (export "memory") 1)

  ;; hamming(codes, n, groups, query, out, hist): for each of the n codes of `groups` 64-byte
  ;; groups laid end to end from `codes`, the number of bits in which it differs from the code
  ;; at `query`, stored as a u16 at out + 2i, and counted in the u32 histogram at `hist` (one
  ;; counter per distance, zeroed by the caller). A group's four popcounts are summed in 8-bit
  ;; lanes (at most 32 each), then widened, so codes of up to 4,096 bits cannot overflow.
  (func (export "hamming") (param $codes i32) (param $n i32) (param $groups i32) (param $query i32) (param $out i32) (param $hist i32)
    (local $i i32) (local $g i32) (local $p i32) (local $q i32) (local $d i32) (local $h i32) (local $acc v128) (local $sum v128)
    (local.set $p (local.get $codes))
    (block $done
      (loop $code
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (v128.const i64x2 0 0))
        (local.set $q (local.get $query))
        (local.set $g (i32.const 0))
        (loop $group
          (local.set $acc
            (i16x8.add (local.get $acc)
              (i16x8.extadd_pairwise_i8x16_u
                (i8x16.add
                  (i8x16.add
                    (i8x16.popcnt (v128.xor (v128.load (local.get $p)) (v128.load (local.get $q))))
                    (i8x16.popcnt (v128.xor (v128.load offset=16 (local.get $p)) (v128.load offset=16 (local.get $q)))))
                  (i8x16.add
                    (i8x16.popcnt (v128.xor (v128.load offset=32 (local.get $p)) (v128.load offset=32 (local.get $q))))
                    (i8x16.popcnt (v128.xor (v128.load offset=48 (local.get $p)) (v128.load offset=48 (local.get $q)))))))))
          (local.set $p (i32.add (local.get $p) (i32.const 64)))
          (local.set $q (i32.add (local.get $q) (i32.const 64)))
          (local.set $g (i32.add (local.get $g) (i32.const 1)))
          (br_if $group (i32.lt_u (local.get $g) (local.get $groups))))
        (local.set $sum (i32x4.extadd_pairwise_i16x8_u (local.get $acc)))
        (local.set $d
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $sum)) (i32x4.extract_lane 1 (local.get $sum)))
            (i32.add (i32x4.extract_lane 2 (local.get $sum)) (i32x4.extract_lane 3 (local.get $sum)))))
        (i32.store16 (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 1))) (local.get $d))
        (local.set $h (i32.add (local.get $hist) (i32.shl (local.get $d) (i32.const 2))))
        (i32.store (local.get $h) (i32.add (i32.load (local.get $h)) (i32.const 1)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $code))))

  ;; collect(distances, n, cut, room, slots): writes to `slots` (i32 each) every i whose u16
  ;; distance is below `cut`, and the first `room` whose distance equals it; returns how many.
  (func (export "collect") (param $distances i32) (param $n i32) (param $cut i32) (param $room i32) (param $slots i32) (result i32)
    (local $i i32) (local $d i32) (local $t i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $d (i32.load16_u (i32.add (local.get $distances) (i32.shl (local.get $i) (i32.const 1)))))
        (if (i32.or
              (i32.lt_u (local.get $d) (local.get $cut))
              (i32.and (i32.eq (local.get $d) (local.get $cut)) (i32.gt_s (local.get $room) (i32.const 0))))
          (then
            (if (i32.eq (local.get $d) (local.get $cut))
              (then (local.set $room (i32.sub (local.get $room) (i32.const 1)))))
            (i32.store (i32.add (local.get $slots) (i32.shl (local.get $t) (i32.const 2))) (local.get $i))
            (local.set $t (i32.add (local.get $t) (i32.const 1)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (local.get $t))

  ;; dots(vectors, stride, slots, k, query, out): for each of the k slot numbers (i32) at
  ;; `slots`, the dot product of the int8 vector at vectors + slot * stride (stride bytes, a
  ;; multiple of 16) with the int16 query at `query` (2 * stride bytes), stored as an i32 at
  ;; out + 4t. The caller keeps |query| <= 8191 so that 4,096 dimensions cannot overflow.
  (func (export "dots") (param $vectors i32) (param $stride i32) (param $slots i32) (param $k i32) (param $query i32) (param $out i32)
    (local $t i32) (local $p i32) (local $end i32) (local $q i32) (local $v v128) (local $acc v128)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $t) (local.get $k)))
        (local.set $p
          (i32.add (local.get $vectors)
            (i32.mul (i32.load (i32.add (local.get $slots) (i32.shl (local.get $t) (i32.const 2)))) (local.get $stride))))
        (local.set $end (i32.add (local.get $p) (local.get $stride)))
        (local.set $q (local.get $query))
        (local.set $acc (v128.const i64x2 0 0))
        (loop $chunk
          (local.set $v (v128.load (local.get $p)))
          (local.set $acc
            (i32x4.add
              (i32x4.add (local.get $acc)
                (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_s (local.get $v)) (v128.load (local.get $q))))
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_s (local.get $v)) (v128.load offset=16 (local.get $q)))))
          (local.set $p (i32.add (local.get $p) (i32.const 16)))
          (local.set $q (i32.add (local.get $q) (i32.const 32)))
          (br_if $chunk (i32.lt_u (local.get $p) (local.get $end))))
        (i32.store
          (i32.add (local.get $out) (i32.shl (local.get $t) (i32.const 2)))
          (i32.add
            (i32.add (i32x4.extract_lane 0 (local.get $acc)) (i32x4.extract_lane 1 (local.get $acc)))
            (i32.add (i32x4.extract_lane 2 (local.get $acc)) (i32x4.extract_lane 3 (local.get $acc)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $each))))
)
