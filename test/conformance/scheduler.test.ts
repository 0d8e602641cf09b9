import { FairPolicy } from '../../src/kernel/sched/fair.ts';
import { FifoPolicy } from '../../src/kernel/sched/fifo.ts';
import { schedulerConformance } from './scheduler.ts';

schedulerConformance('fifo', () => new FifoPolicy());
schedulerConformance('fair', () => new FairPolicy());
