export { LoginPage } from './components/LoginPage';
export { RegisterPage } from './components/RegisterPage';
export { useMe } from './api/get-me';
export { useLogout } from './api/logout';
