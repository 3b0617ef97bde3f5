export * from './ack.js';
export * from './errors.js';
export * from './interaction.js';
export * from './lesson.js';
export * from './media.js';
export * from './notices.js';
export * from './requests.js';
export * from './socket.js';
